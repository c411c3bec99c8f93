package io.hypernf.sdk.port;

import static io.hypernf.sdk.ring.NetmapLayout.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hypernf.sdk.port.PortUri.AfPacket;
import io.hypernf.sdk.port.PortUri.Inproc;
import io.hypernf.sdk.port.PortUri.Netmap;
import io.hypernf.sdk.port.PortUri.Pcap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PortUriTest {

    @Test
    void netmapPlainNameRegistersAllHardwareRingsOnDefaultDevice() {
        Netmap n = (Netmap) PortUri.parse("netmap:eth1");
        assertThat(n.name()).isEqualTo("eth1");
        assertThat(n.mode()).isEqualTo(NR_REG_ALL_NIC);
        assertThat(n.ringId()).isZero();
        assertThat(n.pipe()).isNull();
        assertThat(n.flags()).isZero();
        assertThat(n.device()).isEqualTo("/dev/netmap");
        assertThat(n.requestName()).isEqualTo("eth1");
        assertThat(n.legacyFlags()).isEqualTo(NR_REG_ALL_NIC);
    }

    @ParameterizedTest
    @CsvSource({
            "netmap:eth0^,   eth0, 2, 0",
            "netmap:eth0^3,  eth0, 8, 3",
            "netmap:eth0*,   eth0, 3, 0",
            "netmap:eth0-5,  eth0, 4, 5",
            "netmap:ix_1-0,  ix_1, 4, 0",
    })
    void netmapSuffixesSelectModeAndRing(String uri, String name, int mode, int ring) {
        Netmap n = (Netmap) PortUri.parse(uri);
        assertThat(n.name()).isEqualTo(name);
        assertThat(n.mode()).isEqualTo(mode);
        assertThat(n.ringId()).isEqualTo(ring);
    }

    @Test
    void netmapPipesKeepTheSuffixInTheApi14NameAndUseLegacyModes() {
        Netmap master = (Netmap) PortUri.parse("netmap:eth0{pn1");
        assertThat(master.pipe()).isEqualTo("pn1");
        assertThat(master.pipeMaster()).isTrue();
        assertThat(master.requestName()).isEqualTo("eth0{pn1");
        assertThat(master.mode()).isEqualTo(NR_REG_ALL_NIC);
        assertThat(master.legacyFlags()).isEqualTo(NR_REG_PIPE_MASTER);
        Netmap slave = (Netmap) PortUri.parse("netmap:eth0}7/x");
        assertThat(slave.pipeMaster()).isFalse();
        assertThat(slave.requestName()).isEqualTo("eth0}7");
        assertThat(slave.legacyFlags()).isEqualTo(NR_REG_PIPE_SLAVE | Netmap.NR_EXCLUSIVE);
    }

    @Test
    void netmapValeNamesFlagsAndDevice() {
        Netmap n = (Netmap) PortUri.parse("netmap:valex:lx0/xR?dev=/dev/hypernf0");
        assertThat(n.name()).isEqualTo("valex:lx0");
        assertThat(n.isVale()).isTrue();
        assertThat(n.flags()).isEqualTo(Netmap.NR_EXCLUSIVE | Netmap.NR_RX_RINGS_ONLY);
        assertThat(n.device()).isEqualTo("/dev/hypernf0");
        assertThat(((Netmap) PortUri.parse("netmap:eth0/T")).flags()).isEqualTo(Netmap.NR_TX_RINGS_ONLY);
    }

    @Test
    void pcapDefaultsToReadingAtFullSpeedOnce() {
        Pcap p = (Pcap) PortUri.parse("pcap:/tmp/in.pcap");
        assertThat(p.path()).isEqualTo("/tmp/in.pcap");
        assertThat(p.write()).isFalse();
        assertThat(p.pace()).isEqualTo(Pcap.Pace.FULL);
        assertThat(p.loop()).isEqualTo(1);
        assertThat(p.snaplen()).isEqualTo(Pcap.DEFAULT_SNAPLEN);
    }

    @Test
    void pcapParameters() {
        Pcap r = (Pcap) PortUri.parse("pcap:data/x y.pcapng?pace=recorded&loop=0&snaplen=128");
        assertThat(r.path()).isEqualTo("data/x y.pcapng");
        assertThat(r.pace()).isEqualTo(Pcap.Pace.RECORDED);
        assertThat(r.loop()).isZero();
        assertThat(r.snaplen()).isEqualTo(128);
        Pcap w = (Pcap) PortUri.parse("pcap:out.pcap?mode=write&ts=ns");
        assertThat(w.write()).isTrue();
        assertThat(w.nanoseconds()).isTrue();
    }

    @Test
    void afpacketParameters() {
        AfPacket a = (AfPacket) PortUri.parse("afpacket:veth-a0?frames=512&block=65536&fanout=hash:42");
        assertThat(a.ifName()).isEqualTo("veth-a0");
        assertThat(a.frames()).isEqualTo(512);
        assertThat(a.blockSize()).isEqualTo(65536);
        assertThat(a.fanoutMode()).isEqualTo(AfPacket.Fanout.HASH);
        assertThat(a.fanoutGroup()).isEqualTo(42);
        AfPacket d = (AfPacket) PortUri.parse("afpacket:lo");
        assertThat(d.frames()).isEqualTo(AfPacket.DEFAULT_FRAMES);
        assertThat(d.fanoutMode()).isNull();
    }

    @Test
    void inprocPairsAndPipes() {
        Inproc a = (Inproc) PortUri.parse("inproc:link0/a");
        assertThat(a.link()).isEqualTo("link0");
        assertThat(a.end()).isEqualTo(Inproc.End.A);
        assertThat(a.slots()).isEqualTo(Inproc.DEFAULT_SLOTS);
        Inproc b = (Inproc) PortUri.parse("inproc:link0/b?slots=64&bufsize=4096");
        assertThat(b.end()).isEqualTo(Inproc.End.B);
        assertThat(b.slots()).isEqualTo(64);
        assertThat(b.bufferSize()).isEqualTo(4096);
        Inproc m = (Inproc) PortUri.parse("inproc:sw{3");
        Inproc s = (Inproc) PortUri.parse("inproc:sw}3");
        assertThat(m.link()).isEqualTo("sw{3").isEqualTo(s.link());
        assertThat(m.end()).isEqualTo(Inproc.End.MASTER);
        assertThat(m.group()).isNull();
        Inproc g = (Inproc) PortUri.parse("inproc:l1/a?group=chain&links=4");
        assertThat(g.group()).isEqualTo("chain");
        assertThat(g.groupLinks()).isEqualTo(4);
        assertThat(((Inproc) PortUri.parse("inproc:l1/a?group=chain")).groupLinks()).isEqualTo(Inproc.DEFAULT_GROUP_LINKS);
        assertThat(s.end()).isEqualTo(Inproc.End.SLAVE);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "pcap:|port 'pcap:': missing file path; accepted: pcap:PATH[?mode=read|write",
            "eth0|port 'eth0': no scheme; accepted: netmap:, pcap:, afpacket:, inproc:",
            "tap:x|unknown scheme 'tap'; accepted: netmap:, pcap:, afpacket:, inproc:",
            "pcap:a.pcap?pace=slow|pace 'slow' is not one of full|recorded",
            "pcap:a.pcap?speed=1|unknown parameter 'speed'; accepted: pcap:PATH",
            "pcap:a.pcap?loop=-1|loop '-1' is not a number in [0, 2147483647]",
            "pcap:a.pcap?loop=1&loop=2|parameter 'loop' given twice",
            "pcap:a.pcap?loop|parameter 'loop' is not key=value",
            "pcap:a.pcap?mode=write&pace=full|pace and loop apply to reading only",
            "pcap:a.pcap?ts=ns|ts applies to writing only",
            "netmap:|missing interface name; accepted: netmap:NAME",
            "netmap:eth0/q|unknown flag 'q' after '/'",
            "netmap:eth0/|'/' without flags",
            "netmap:eth0/RT|flags R (rx only) and T (tx only) exclude each other",
            "netmap:eth0-99|ring '99' is not a number in [0, 63]",
            "netmap:eth 0|'eth 0' is not a netmap port name",
            "netmap:eth0?dev=dev/netmap|dev 'dev/netmap' is not an absolute path",
            "afpacket:|missing interface name; accepted: afpacket:IFNAME",
            "afpacket:a/b|'a/b' is not a Linux interface name",
            "afpacket:abcdefghijklmnop|is not a Linux interface name",
            "afpacket:eth0?block=5000|block 5000 is not a power of two",
            "afpacket:eth0?fanout=fast|fanout mode 'fast' is unknown",
            "afpacket:eth0?frames=1|frames '1' is not a number in [2, 16384]",
            "inproc:x|'x' names no end of a pair (NAME/a, NAME/b) or pipe (NAME{ID, NAME}ID)",
            "inproc:x/c|names no end of a pair",
            "inproc:x/a?bufsize=100|bufsize 100 is not a multiple of 64",
            "inproc:x/a?links=3|links applies to groups only (add group=G)",
            "inproc:x/a?group=a.b|group 'a.b' is not a name",
            "inproc:x/a?group=g&links=33|links '33' is not a number in [1, 32]",
    })
    void errorsSayWhatWasWrongAndWhatIsAccepted(String uri, String expected) {
        assertThatThrownBy(() -> PortUri.parse(uri))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(expected)
                .hasMessageStartingWith("port '" + uri + "'")
                .hasMessageContaining("accepted: ");
    }

    @Test
    void nullAndBlankAreRejected() {
        assertThatThrownBy(() -> PortUri.parse(null)).hasMessageContaining("empty URI");
        assertThatThrownBy(() -> PortUri.parse(" ")).hasMessageContaining("empty URI");
    }
}
