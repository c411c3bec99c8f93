package io.hypernf.nf.lb;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The backends file: the complete backend set of every service, one backend a line, re-read when
 * it changes ({@link BackendsFileWatcher}). Services it does not mention have no backends.
 * <pre>
 * # service  backend          options
 * web        10.1.0.1         weight=2 mac=02:00:00:00:01:01
 * web        10.1.0.2:8080    state=drain
 * dns        10.1.0.9         mac=02:00:00:00:01:09 state=down
 * </pre>
 * A bad line is an error naming {@code file:line} and the word, and the whole file is refused
 * (half a backend set could overload the half that is left).
 */
public final class BackendsFile {
    private BackendsFile() {}

    /** Parses {@code text} read from {@code source}; the keys of the result are exactly {@code services}. */
    public static Map<String, List<Backend>> parse(String source, String text, Set<String> services) {
        Map<String, List<Backend>> out = new LinkedHashMap<>();
        for (String service : services) {
            out.put(service, new ArrayList<>());
        }
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int hash = line.indexOf('#');
            String content = (hash < 0 ? line : line.substring(0, hash)).trim();
            if (content.isEmpty()) {
                continue;
            }
            String where = source + ":" + (i + 1) + ": ";
            String[] words = content.split("\\s+");
            List<Backend> backends = out.get(words[0]);
            if (backends == null) {
                throw new IllegalArgumentException(where + "service '" + words[0] + "' is not configured; known: " + String.join(", ", services));
            }
            Backend backend;
            try {
                backend = Backend.parse(words, 1);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + e.getMessage());
            }
            if (backends.stream().anyMatch(b -> b.name() == backend.name())) {
                throw new IllegalArgumentException(where + "backend " + backend.endpoint() + " of '" + words[0] + "' is listed twice");
            }
            backends.add(backend);
        }
        return out;
    }

    public static Map<String, List<Backend>> read(Path file, Set<String> services) throws IOException {
        return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8), services);
    }
}
