package io.hypernf.sdk.port.inproc;

import io.hypernf.sdk.port.PortException;
import io.hypernf.sdk.port.PortUri;
import java.util.HashMap;
import java.util.Map;

/**
 * The process's named in-process links: the first {@code inproc:} URI naming a link creates it,
 * the other end's URI attaches to it, and closing both ends forgets it.
 */
public final class InprocLinks {
    private InprocLinks() {}

    private static final Map<String, InprocLink> LINKS = new HashMap<>();

    /** Opens the end {@code uri} names; both ends must agree on slots and buffer size. */
    public static InprocPort open(PortUri.Inproc uri) {
        synchronized (InprocLink.LOCK) {
            InprocLink link = LINKS.get(uri.link());
            if (link == null) {
                String key = uri.link();
                InprocLink[] made = new InprocLink[1];
                made[0] = InprocLink.registered(key, uri.end().isPipe(), uri.slots(), uri.bufferSize(), () -> forget(key, made[0]));
                link = made[0];
                LINKS.put(key, link);
            } else if (link.slots() != uri.slots() || link.region().bufferSize() != uri.bufferSize()) {
                throw new PortException("port '" + uri.text() + "': slots " + uri.slots() + " and bufsize " + uri.bufferSize()
                        + " differ from link '" + uri.link() + "' (slots " + link.slots() + ", bufsize "
                        + link.region().bufferSize() + "); open both ends with the same parameters");
            }
            return link.open(uri.end().index(), uri.text());
        }
    }

    /** Whether a link of this name is open (some end has not been closed yet). */
    public static boolean exists(String link) {
        synchronized (InprocLink.LOCK) {
            return LINKS.containsKey(link);
        }
    }

    private static void forget(String key, InprocLink link) {
        synchronized (InprocLink.LOCK) {
            LINKS.remove(key, link);
        }
    }
}
