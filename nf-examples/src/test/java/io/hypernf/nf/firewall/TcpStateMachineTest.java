package io.hypernf.nf.firewall;

import static io.hypernf.nf.firewall.TcpStateMachine.CLOSE;
import static io.hypernf.nf.firewall.TcpStateMachine.CLOSE_WAIT;
import static io.hypernf.nf.firewall.TcpStateMachine.ESTABLISHED;
import static io.hypernf.nf.firewall.TcpStateMachine.FIN_WAIT;
import static io.hypernf.nf.firewall.TcpStateMachine.IGNORE;
import static io.hypernf.nf.firewall.TcpStateMachine.INVALID;
import static io.hypernf.nf.firewall.TcpStateMachine.LAST_ACK;
import static io.hypernf.nf.firewall.TcpStateMachine.NONE;
import static io.hypernf.nf.firewall.TcpStateMachine.SYN_RECV;
import static io.hypernf.nf.firewall.TcpStateMachine.SYN_SENT;
import static io.hypernf.nf.firewall.TcpStateMachine.SYN_SENT2;
import static io.hypernf.nf.firewall.TcpStateMachine.TIME_WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TcpStateMachineTest {
    private static final int FIN = 0x01;
    private static final int SYN = 0x02;
    private static final int RST = 0x04;
    private static final int PSH = 0x08;
    private static final int ACK = 0x10;
    private static final boolean ORIG = false;
    private static final boolean REPLY = true;

    /** Runs packets (direction, flags pairs) from {@code start} and returns every state passed. */
    private static int[] walk(int start, Object... steps) {
        int[] states = new int[steps.length / 2];
        int state = start;
        for (int i = 0; i < steps.length; i += 2) {
            int next = TcpStateMachine.next(state, (Boolean) steps[i], (Integer) steps[i + 1]);
            states[i / 2] = next;
            if (next >= 0) {
                state = next;
            }
        }
        return states;
    }

    @Test
    void threeWayHandshakeAndActiveCloseByTheClient() {
        assertThat(TcpStateMachine.initial(SYN, false)).isEqualTo(SYN_SENT);
        assertThat(walk(SYN_SENT,
                REPLY, SYN | ACK,
                ORIG, ACK,
                ORIG, PSH | ACK,
                REPLY, PSH | ACK,
                ORIG, FIN | ACK,
                REPLY, ACK,
                REPLY, FIN | ACK,
                ORIG, ACK))
                .containsExactly(SYN_RECV, ESTABLISHED, ESTABLISHED, ESTABLISHED, FIN_WAIT, CLOSE_WAIT, LAST_ACK, TIME_WAIT);
    }

    @Test
    void closeByTheServerWithCombinedFinAck() {
        assertThat(walk(ESTABLISHED, REPLY, FIN | ACK, ORIG, FIN | ACK, REPLY, ACK))
                .containsExactly(FIN_WAIT, LAST_ACK, TIME_WAIT);
    }

    @Test
    void resetClosesFromEveryState() {
        for (int state = SYN_SENT; state < TcpStateMachine.STATE_COUNT; state++) {
            assertThat(TcpStateMachine.next(state, ORIG, RST)).as(TcpStateMachine.name(state)).isEqualTo(CLOSE);
            assertThat(TcpStateMachine.next(state, REPLY, RST | ACK)).as(TcpStateMachine.name(state)).isEqualTo(CLOSE);
        }
    }

    @Test
    void simultaneousOpen() {
        assertThat(walk(SYN_SENT, REPLY, SYN, REPLY, SYN | ACK, ORIG, ACK)).containsExactly(SYN_SENT2, SYN_RECV, ESTABLISHED);
    }

    @Test
    void retransmissionsAreIgnoredNotInvalid() {
        assertThat(TcpStateMachine.next(SYN_SENT, ORIG, SYN)).isEqualTo(SYN_SENT);
        assertThat(TcpStateMachine.next(SYN_RECV, REPLY, SYN | ACK)).isEqualTo(IGNORE);
        assertThat(TcpStateMachine.next(ESTABLISHED, ORIG, SYN)).isEqualTo(IGNORE);
    }

    @Test
    void packetsThatDoNotFitAreInvalid() {
        assertThat(TcpStateMachine.next(SYN_SENT, ORIG, ACK)).as("ACK before any SYN+ACK").isEqualTo(INVALID);
        assertThat(TcpStateMachine.next(SYN_SENT, REPLY, FIN)).as("FIN before the handshake").isEqualTo(INVALID);
        assertThat(TcpStateMachine.next(ESTABLISHED, ORIG, 0)).as("no flags at all").isEqualTo(INVALID);
        assertThat(TcpStateMachine.next(ESTABLISHED, REPLY, SYN)).as("SYN from the server").isEqualTo(INVALID);
        assertThat(TcpStateMachine.next(NONE, REPLY, ACK)).isEqualTo(INVALID);
        assertThat(TcpStateMachine.next(42, ORIG, ACK)).as("corrupt state").isEqualTo(INVALID);
    }

    @Test
    void portReuseAfterTimeWaitOrCloseStartsOver() {
        assertThat(TcpStateMachine.next(TIME_WAIT, ORIG, SYN)).isEqualTo(SYN_SENT);
        assertThat(TcpStateMachine.next(CLOSE, ORIG, SYN)).isEqualTo(SYN_SENT);
    }

    @Test
    void firstPacketOfAConnection() {
        assertThat(TcpStateMachine.initial(ACK, false)).as("strict: no mid-stream pickup").isEqualTo(INVALID);
        assertThat(TcpStateMachine.initial(ACK | PSH, true)).as("loose pickup").isEqualTo(ESTABLISHED);
        assertThat(TcpStateMachine.initial(SYN | ACK, true)).isEqualTo(INVALID);
        assertThat(TcpStateMachine.initial(RST, true)).isEqualTo(INVALID);
        assertThat(TcpStateMachine.initial(FIN | ACK, false)).isEqualTo(INVALID);
    }

    @Test
    void namesAllStates() {
        assertThat(TcpStateMachine.name(ESTABLISHED)).isEqualTo("ESTABLISHED");
        assertThat(TcpStateMachine.name(INVALID)).isEqualTo("INVALID");
        assertThat(TcpStateMachine.name(99)).isEqualTo("state 99");
    }
}
