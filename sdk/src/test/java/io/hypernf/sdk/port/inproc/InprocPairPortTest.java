package io.hypernf.sdk.port.inproc;

import io.hypernf.sdk.port.AbstractPortTest;
import java.util.List;

/** The port contract for end a of an in-process pair (drops and counts when the peer is full). */
class InprocPairPortTest extends AbstractPortTest {
    @Override
    protected Fixture open(List<byte[]> toReceive) {
        return new InprocFixture(false, 32, toReceive).asContractFixture();
    }

    @Override
    protected boolean blocksInPoll() { return false; }
}
