package io.hypernf.nf.firewall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RuleParserTest {
    private final RuleParser parser = new RuleParser(List.of("inside", "outside", "dmz"));

    private Rule one(String line) {
        List<Rule> rules = parser.parse("t.rules", List.of(line));
        assertThat(rules).hasSize(1);
        return rules.get(0);
    }

    @Test
    void parsesEveryConditionOfAFullRule() {
        Rule rule = one("accept in on outside,dmz proto tcp from 192.0.2.0/24 port 1024-65535 to 10.1.2.3 port 80,443 flags S/SA");
        assertThat(rule.action()).isEqualTo(RuleAction.ACCEPT);
        assertThat(rule.keepState()).isTrue();
        assertThat(rule.direction()).isEqualTo(PacketFields.DIRECTION_IN);
        assertThat(rule.inputPortMask()).isEqualTo(0b110);
        assertThat(rule.family()).isEqualTo(4);
        assertThat(rule.protocol()).isEqualTo(6);
        assertThat(rule.source().length()).isEqualTo(96 + 24);
        assertThat(rule.source().low()).isEqualTo(0x0000_ffff_c000_0200L);
        assertThat(rule.sourcePorts()).containsExactly(1024, 65535);
        assertThat(rule.destination().length()).isEqualTo(128);
        assertThat(rule.destinationPorts()).containsExactly(80, 80, 443, 443);
        assertThat(rule.tcpFlagsValue()).isEqualTo(0x02);
        assertThat(rule.tcpFlagsMask()).isEqualTo(0x12);
        assertThat(rule.origin()).isEqualTo("t.rules:1");
    }

    @Test
    void parsesIpv6AndIcmp6Names() {
        Rule rule = one("accept out proto icmp6 from 2001:db8::/32 to any icmp-type echo-request code 0 no state");
        assertThat(rule.family()).isEqualTo(6);
        assertThat(rule.source().high()).isEqualTo(0x2001_0db8_0000_0000L);
        assertThat(rule.source().length()).isEqualTo(32);
        assertThat(rule.icmpType()).isEqualTo(128);
        assertThat(rule.icmpCode()).isEqualTo(0);
        assertThat(rule.keepState()).isFalse();
        assertThat(rule.direction()).isEqualTo(PacketFields.DIRECTION_OUT);
    }

    @Test
    void parsesRejectAnswersAndDefaults() {
        assertThat(one("reject proto udp to any port 53").rejectWith()).isEqualTo(RejectWith.AUTO);
        assertThat(one("reject with port-unreachable proto udp").rejectWith()).isEqualTo(RejectWith.PORT_UNREACHABLE);
        Rule drop = one("drop");
        assertThat(drop.keepState()).isFalse();
        assertThat(drop.protocol()).isEqualTo(-1);
        assertThat(drop.source()).isEqualTo(AddressPrefix.ANY);
        assertThat(one("drop proto 47").protocol()).isEqualTo(47);
        assertThat(one("accept proto icmp icmp-type 3").icmpType()).isEqualTo(3);
    }

    @Test
    void parsesIpv6TextForms() {
        assertThat(one("drop from ::/0").source().length()).isZero();
        AddressPrefix mapped = one("drop from ::ffff:10.0.0.1").source();
        assertThat(mapped.low()).isEqualTo(0x0000_ffff_0a00_0001L);
        AddressPrefix full = one("drop to fe80:0:0:0:0:0:0:1/128").destination();
        assertThat(full.high()).isEqualTo(0xfe80_0000_0000_0000L);
        assertThat(full.low()).isEqualTo(1L);
        assertThat(one("drop to 2001:db8::1:0:0:1").destination().low()).isEqualTo(0x0001_0000_0000_0001L);
    }

    @Test
    void skipsCommentsAndBlankLinesAndKeepsLineNumbers() {
        List<Rule> rules = parser.parse("f", List.of("# header", "", "accept proto tcp  # web", "   ", "drop"));
        assertThat(rules).extracting(Rule::origin).containsExactly("f:3", "f:5");
        assertThat(rules.get(0).text()).isEqualTo("accept proto tcp");
    }

    @Test
    void readsAFileAndNamesItInErrors(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("fw.rules");
        Files.writeString(file, "accept proto tcp\n\ndrop proto tcp to any port 99999\n");
        assertThatThrownBy(() -> parser.parseFile(file))
                .isInstanceOf(RuleSyntaxException.class)
                .hasMessage(file + ":3: port 99999 is outside 0..65535");
        assertThatThrownBy(() -> parser.parseFile(dir.resolve("missing.rules")))
                .hasMessageContaining("cannot read rules file").hasMessageContaining("missing.rules");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            allow proto tcp                              | a rule starts with accept, drop or reject, not 'allow'
            accept prot tcp                              | unknown keyword 'prot'
            accept proto tcp to any port 80-70           | port range '80-70' runs backwards
            accept proto tcp to any port 70000           | port 70000 is outside 0..65535
            accept to any port 80                        | 'port' needs proto tcp, udp, sctp or udplite
            accept proto udp flags S/SA                  | 'flags' needs proto tcp
            accept proto tcp flags SA/S                  | every flag of the value must also be in the mask
            accept proto tcp flags X/SA                  | 'X' is not a TCP flag letter
            accept icmp-type 8                           | 'icmp-type' needs proto icmp or icmp6
            accept proto icmp icmp-type bogus            | 'bogus' is not a valid ICMP type
            accept from 10.0.0.0/33                      | an IPv4 prefix length is at most 32
            accept from 10.0.0.1/8                       | has host bits set beyond the prefix length
            accept from 10.0.0                           | '10.0.0' is not an IPv4 address
            accept from 010.0.0.1                        | '010.0.0.1' is not an IPv4 address
            accept from 2001:db8:::1                     | '2001:db8:::1' is not an IPv6 address
            accept from 10.0.0.0/8 to 2001:db8::/32      | the 'to' address is IPv6 but the rule is already IPv4
            accept inet6 proto icmp                      | proto icmp (use icmp6 for IPv6) is IPv4 but the rule is already IPv6
            accept on wan                                | unknown port 'wan' (this firewall's ports: inside, outside, dmz)
            accept proto tcp proto udp                   | 'proto' given twice
            accept in out                                | direction (in/out) given twice
            drop keep state                              | 'keep state' only applies to accept rules
            accept keep going                            | expected 'keep state', got 'keep going'
            accept with tcp-reset                        | 'with' only follows 'reject'
            reject with politely                         | unknown reject answer 'politely'
            accept from                                  | 'from' needs a value at the end of the line
            accept proto tcp port 80                     | 'port' belongs after 'from ADDR' or 'to ADDR'
            accept proto icmp code 3                     | 'code' belongs right after 'icmp-type T'
            accept proto 256                             | protocol 256 is outside 0..255
            accept from 10.0.0.0/ab                      | has a bad prefix length 'ab'
            """)
    void reportsFileLineAndProblem(String line, String problem) {
        assertThatThrownBy(() -> parser.parse("bad.rules", List.of("accept proto tcp", "# ok so far", line)))
                .isInstanceOf(RuleSyntaxException.class)
                .hasMessageStartingWith("bad.rules:3: ")
                .hasMessageContaining(problem)
                .satisfies(e -> assertThat(((RuleSyntaxException) e).line()).isEqualTo(3));
    }
}
