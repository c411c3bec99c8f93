package io.hypernf.sdk.nf;

import io.hypernf.sdk.port.Port;
import io.hypernf.sdk.port.PortUri;
import io.hypernf.sdk.port.Ports;
import java.util.ArrayList;
import java.util.List;

/** Opens ports with {@link Ports#open}: every scheme whose provider is on the class path. */
public final class DefaultPortOpener implements PortOpener {

    @Override
    public Port open(String uri) { return Ports.open(uri); }

    /** The installed schemes, each with its URI syntax from {@link PortUri#USAGE}. */
    @Override
    public List<String> schemes() {
        List<String> out = new ArrayList<>();
        for (String scheme : Ports.schemes()) {
            String usage = scheme + ":";
            for (String line : PortUri.USAGE.split("\n")) {
                if (line.startsWith(scheme + ":")) {
                    usage = line;
                }
            }
            out.add(usage);
        }
        return out;
    }
}
