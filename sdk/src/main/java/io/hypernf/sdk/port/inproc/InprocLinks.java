package io.hypernf.sdk.port.inproc;

import io.hypernf.sdk.port.PortException;
import io.hypernf.sdk.port.PortUri;
import java.util.HashMap;
import java.util.Map;

/**
 * The process's named in-process links: the first {@code inproc:} URI naming a link creates it,
 * the other end's URI attaches to it, and closing both ends forgets it. Links opened with
 * {@code group=G} are placed in the named {@link InprocGroup}, which lives while any of its links does.
 */
public final class InprocLinks {
    private InprocLinks() {}

    private static final Map<String, InprocLink> LINKS = new HashMap<>();
    private static final Map<String, InprocGroup> GROUPS = new HashMap<>();

    /** Opens the end {@code uri} names; both ends (and all links of a group) must agree on slots and buffer size. */
    public static InprocPort open(PortUri.Inproc uri) {
        synchronized (InprocLink.LOCK) {
            InprocLink link = LINKS.get(uri.link());
            if (link == null) {
                String key = uri.link();
                InprocLink[] made = new InprocLink[1];
                Runnable onFree = () -> forget(key, made[0]);
                if (uri.group() == null) {
                    made[0] = InprocLink.registered(key, uri.end().isPipe(), uri.slots(), uri.bufferSize(), onFree);
                } else {
                    made[0] = group(uri).newLink(key, uri.end().isPipe(), uri.text(), onFree);
                }
                link = made[0];
                LINKS.put(key, link);
            } else if (link.slots() != uri.slots() || link.region().bufferSize() != uri.bufferSize()) {
                throw new PortException("port '" + uri.text() + "': slots " + uri.slots() + " and bufsize " + uri.bufferSize()
                        + " differ from link '" + uri.link() + "' (slots " + link.slots() + ", bufsize "
                        + link.region().bufferSize() + "); open both ends with the same parameters");
            } else if (uri.group() != null && (!GROUPS.containsKey(uri.group()) || link.region() != GROUPS.get(uri.group()).region())) {
                throw new PortException("port '" + uri.text() + "': link '" + uri.link() + "' is not in group '" + uri.group() + "'");
            }
            return link.open(uri.end().index(), uri.text());
        }
    }

    private static InprocGroup group(PortUri.Inproc uri) {
        InprocGroup group = GROUPS.get(uri.group());
        if (group == null) {
            String key = uri.group();
            group = new InprocGroup(key, uri.groupLinks(), uri.slots(), uri.bufferSize(), () -> GROUPS.remove(key));
            GROUPS.put(key, group);
        } else if (group.slots() != uri.slots() || group.bufferSize() != uri.bufferSize()) {
            throw new PortException("port '" + uri.text() + "': slots " + uri.slots() + " and bufsize " + uri.bufferSize()
                    + " differ from group '" + uri.group() + "' (slots " + group.slots() + ", bufsize " + group.bufferSize() + ")");
        }
        return group;
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
