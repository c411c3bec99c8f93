package io.hypernf.sdk.port.afpacket;

import io.hypernf.sdk.port.Port;
import io.hypernf.sdk.port.PortException;
import io.hypernf.sdk.port.PortProvider;
import io.hypernf.sdk.port.PortUri;

/**
 * Opens {@code afpacket:IFNAME[?frames=N&block=BYTES&fanout=MODE[:GROUP]]} ports
 * ({@link PortUri.AfPacket}) in the calling thread's network namespace.
 */
public final class AfPacketPortProvider implements PortProvider {
    @Override
    public String scheme() {
        return PortUri.AfPacket.SCHEME;
    }

    @Override
    public Port open(PortUri uri) {
        if (!(uri instanceof PortUri.AfPacket afpacket)) {
            throw new PortException("port '" + uri.text() + "': the afpacket provider got a " + uri.scheme() + " URI");
        }
        int fanout = afpacket.fanoutMode() == null ? -1 : afpacket.fanoutMode().linuxValue();
        return AfPacketPort.open(afpacket.text(), afpacket.ifName(), afpacket.frames(), afpacket.blockSize(), fanout,
                afpacket.fanoutGroup(), false);
    }
}
