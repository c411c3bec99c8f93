package io.hypernf.sdk.port.inproc;

import io.hypernf.sdk.port.AbstractPortTest;
import java.util.List;

/** The port contract for the master side of an in-process pipe (holds packets while the peer is full). */
class InprocPipePortTest extends AbstractPortTest {
    @Override
    protected Fixture open(List<byte[]> toReceive) {
        return new InprocFixture(true, 16, toReceive).asContractFixture();
    }

    @Override
    protected boolean blocksInPoll() { return false; }
}
