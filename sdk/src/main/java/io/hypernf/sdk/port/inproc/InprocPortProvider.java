package io.hypernf.sdk.port.inproc;

import io.hypernf.sdk.port.Port;
import io.hypernf.sdk.port.PortProvider;
import io.hypernf.sdk.port.PortUri;

/** The {@code inproc:} scheme: pairs {@code NAME/a}, {@code NAME/b} and pipes {@code NAME{ID}, {@code NAME}ID}. */
public final class InprocPortProvider implements PortProvider {
    @Override
    public String scheme() { return PortUri.Inproc.SCHEME; }

    @Override
    public Port open(PortUri uri) { return InprocLinks.open((PortUri.Inproc) uri); }
}
