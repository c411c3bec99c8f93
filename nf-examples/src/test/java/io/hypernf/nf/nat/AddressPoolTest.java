package io.hypernf.nf.nat;

import static io.hypernf.nf.nat.NatFrames.ip;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AddressPoolTest {

    @Test
    void prefixesLeaveOutNetworkAndBroadcastExceptPointToPointOnes() {
        assertThat(AddressPool.parse(List.of("192.0.2.0/30")).size()).isEqualTo(2);
        assertThat(AddressPool.parse(List.of("192.0.2.0/31")).size()).as("RFC 3021").isEqualTo(2);
        assertThat(AddressPool.parse(List.of("192.0.2.7/32")).size()).isEqualTo(1);
        assertThat(AddressPool.parse(List.of("192.0.2.0/24")).size()).isEqualTo(254);
    }

    @Test
    void lookupsOrderAddressesUnsigned() {
        AddressPool pool = AddressPool.parse(List.of("203.0.113.9", "10.1.1.1", "255.255.255.254", "128.0.0.1", "198.51.100.0/30"));
        assertThat(pool.size()).isEqualTo(6);
        for (String a : List.of("203.0.113.9", "10.1.1.1", "255.255.255.254", "128.0.0.1", "198.51.100.1", "198.51.100.2")) {
            int index = pool.indexOf(ip(a));
            assertThat(index).as(a).isNotNegative();
            assertThat(pool.address(index)).isEqualTo(ip(a));
        }
        assertThat(pool.address(0)).isEqualTo(ip("10.1.1.1"));
        assertThat(pool.address(5)).isEqualTo(ip("255.255.255.254"));
        for (String a : List.of("198.51.100.0", "198.51.100.3", "0.0.0.0", "255.255.255.255", "127.255.255.255")) {
            assertThat(pool.indexOf(ip(a))).as(a).isEqualTo(-1);
        }
    }
}
