package io.hypernf.nf.lb;

import java.util.ArrayList;
import java.util.List;

/**
 * The control protocol's commands, one line each, answered by lines ending with {@code ok} or a
 * single {@code error: ...} line:
 * <pre>
 * add SERVICE ADDRESS[:PORT] [weight=N] [mac=MAC] [state=up|drain|down]   add or update a backend
 * drain SERVICE ADDRESS[:PORT]        no new flows; existing connections stay
 * down SERVICE ADDRESS[:PORT]         no flows at all; its connections are rescheduled
 * up SERVICE ADDRESS[:PORT]
 * weight SERVICE ADDRESS[:PORT] N
 * remove SERVICE ADDRESS[:PORT]       forget it (like down)
 * show                                one line per backend with its table share (the balance report), then ok
 * </pre>
 * Kept apart from the socket ({@link ControlServer}) so it is tested without one.
 */
public final class ControlProtocol {
    private final BackendRegistry registry;

    public ControlProtocol(BackendRegistry registry) {
        this.registry = registry;
    }

    /** Executes one command line; returns the reply lines. Never throws for bad input. */
    public List<String> execute(String line) {
        String[] words = line.trim().split("\\s+");
        List<String> reply = new ArrayList<>();
        try {
            switch (words[0]) {
                case "add":
                    need(words, 3, "add SERVICE ADDRESS[:PORT] [weight=N] [mac=MAC] [state=up|drain|down]");
                    registry.add(words[1], Backend.parse(words, 2));
                    break;
                case "drain":
                case "down":
                case "up":
                    need(words, 3, words[0] + " SERVICE ADDRESS[:PORT]");
                    exact(words, 3);
                    int[] endpoint = Backend.parseEndpoint(words[2]);
                    registry.setState(words[1], endpoint[0], endpoint[1], BackendState.byConfigName(words[0]));
                    break;
                case "weight":
                    need(words, 4, "weight SERVICE ADDRESS[:PORT] N");
                    exact(words, 4);
                    int[] at = Backend.parseEndpoint(words[2]);
                    int weight;
                    try {
                        weight = Integer.parseInt(words[3]);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("weight '" + words[3] + "' is not a number");
                    }
                    registry.setWeight(words[1], at[0], at[1], new Backend(at[0], at[1], weight, 0, BackendState.UP).weight());
                    break;
                case "remove":
                    need(words, 3, "remove SERVICE ADDRESS[:PORT]");
                    exact(words, 3);
                    int[] gone = Backend.parseEndpoint(words[2]);
                    registry.remove(words[1], gone[0], gone[1]);
                    break;
                case "show":
                    reply.addAll(registry.report());
                    break;
                default:
                    throw new IllegalArgumentException("unknown command '" + words[0] + "'; known: add, drain, down, up, weight, remove, show");
            }
            reply.add("ok");
        } catch (IllegalArgumentException e) {
            reply.clear();
            reply.add("error: " + e.getMessage());
        }
        return reply;
    }

    private static void need(String[] words, int count, String usage) {
        if (words.length < count) {
            throw new IllegalArgumentException("usage: " + usage);
        }
    }

    private static void exact(String[] words, int count) {
        if (words.length > count) {
            throw new IllegalArgumentException("unexpected '" + words[count] + "'");
        }
    }
}
