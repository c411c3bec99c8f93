package io.hypernf.sdk.port.netmap;

import io.hypernf.sdk.port.Port;
import io.hypernf.sdk.port.PortProvider;
import io.hypernf.sdk.port.PortUri;
import io.hypernf.sdk.port.os.LinuxSyscalls;

/** The {@code netmap:} scheme, on the real kernel. */
public final class NetmapPortProvider implements PortProvider {
    @Override
    public String scheme() { return PortUri.Netmap.SCHEME; }

    @Override
    public Port open(PortUri uri) { return NetmapPort.open(LinuxSyscalls.INSTANCE, (PortUri.Netmap) uri); }
}
