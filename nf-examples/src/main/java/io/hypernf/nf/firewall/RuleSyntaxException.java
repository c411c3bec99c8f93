package io.hypernf.nf.firewall;

/** A rule line the parser cannot accept; the message reads {@code file:line: what is wrong}. */
public final class RuleSyntaxException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;
    private final String problem;

    public RuleSyntaxException(String file, int line, String problem) {
        super(file + ":" + line + ": " + problem);
        this.file = file;
        this.line = line;
        this.problem = problem;
    }

    public String file() { return file; }
    public int line() { return line; }
    /** What is wrong, without the location. */
    public String problem() { return problem; }
}
