package io.hypernf.sdk.port.pcap;

import io.hypernf.sdk.port.IoErrors;
import io.hypernf.sdk.port.Port;
import io.hypernf.sdk.port.PortException;
import io.hypernf.sdk.port.PortProvider;
import io.hypernf.sdk.port.PortUri;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Opens {@code pcap:PATH[?mode=read|write&pace=recorded|full&loop=N&snaplen=N&ts=us|ns]} ports
 * ({@link PortUri.Pcap}): a reading port replays PATH, a writing port creates it.
 */
public final class PcapPortProvider implements PortProvider {
    @Override
    public String scheme() {
        return PortUri.Pcap.SCHEME;
    }

    @Override
    public Port open(PortUri uri) {
        if (!(uri instanceof PortUri.Pcap pcap)) {
            throw new PortException("port '" + uri.text() + "': the pcap provider got a " + uri.scheme() + " URI");
        }
        Path path = Path.of(pcap.path());
        try {
            if (pcap.write()) {
                return PcapPort.writing(pcap.text(), PcapWriter.create(path, pcap.nanoseconds(), pcap.snaplen()));
            }
            PcapPort.Pace pace = pcap.pace() == PortUri.Pcap.Pace.RECORDED ? PcapPort.Pace.RECORDED : PcapPort.Pace.FULL;
            return PcapPort.reading(pcap.text(), PcapReader.open(path), pace, pcap.loop());
        } catch (IOException e) {
            throw new PortException("port '" + pcap.text() + "': " + IoErrors.describe(e), e);
        }
    }
}
