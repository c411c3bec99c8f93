package io.hypernf.sdk.port.netmap;

import io.hypernf.sdk.port.AbstractPortTest;
import io.hypernf.sdk.port.Port;
import io.hypernf.sdk.port.PortUri;
import java.util.ArrayList;
import java.util.List;

/**
 * The port contract for {@link NetmapPort}, on one hardware ring pair of a device played by
 * {@link FakeNetmapDevice} (the mock is the kernel, not the port: every port code path runs for real).
 */
class NetmapPortContractTest extends AbstractPortTest {
    @Override
    protected Fixture open(List<byte[]> toReceive) {
        FakeNetmapDevice device = new FakeNetmapDevice(1, 32);
        device.toReceive.addAll(toReceive);
        NetmapPort port = NetmapPort.open(device.sys, (PortUri.Netmap) PortUri.parse("netmap:eth0-0"));
        return new Fixture() {
            private int collected;

            @Override public Port port() { return port; }
            @Override public void pump() {}
            @Override public List<byte[]> collectTransmitted() {
                List<byte[]> out = new ArrayList<>(device.transmitted.subList(collected, device.transmitted.size()));
                collected = device.transmitted.size();
                return out;
            }
            @Override public void close() {
                port.close();
                device.close();
            }
        };
    }

    @Override
    protected boolean blocksInPoll() { return true; }
}
