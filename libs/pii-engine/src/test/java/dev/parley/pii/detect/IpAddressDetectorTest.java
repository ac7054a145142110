package dev.parley.pii.detect;

import static dev.parley.pii.detect.Detections.covered;
import static dev.parley.pii.detect.Detections.run;
import static dev.parley.pii.detect.Detections.scoreOf;
import static dev.parley.pii.detect.Detections.single;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.pii.PiiType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressDetectorTest {

    private final IpAddressDetector detector = new IpAddressDetector();

    @Test
    void ipv4HasExactSpan() {
        var finding = single(detector, "Login from 192.168.1.100 at noon", "192.168.1.100");
        assertThat(finding.type()).isEqualTo(PiiType.IP_ADDRESS);
        assertThat(finding.start()).isEqualTo(11);
        assertThat(finding.end()).isEqualTo(24);
        assertThat(finding.score()).isEqualTo(IpAddressDetector.IPV4);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "255.255.255.255", "8.8.8.8", "10.0.0.1", "172.16.254.1"})
    void ipv4Edges(String ip) {
        single(detector, "ip " + ip + ".", ip);
    }

    @Test
    void portPrefixLengthAndLabelsAreLeftOut() {
        assertThat(covered(detector, "10.0.0.1:8080 and 192.168.0.0/16, host:172.16.0.5"))
                .containsExactly("10.0.0.1", "192.168.0.0", "172.16.0.5");
        assertThat(covered(detector, "server A:10.1.2.3")).containsExactly("10.1.2.3");
    }

    @ParameterizedTest
    @ValueSource(strings = {"256.1.1.1", "1.2.3.256", "1.2.3", "1.2.3.4.5", "1..2.3", "1.2.3.4444", "v1.2.3.4",
        "1.2.3.4a", "a1.2.3.4", "E11.9", "7.2", "120/80", "2024.01.15", "15.01.2024", "v1.2.3", "12:30:45",
        "00:1A:2B:3C:4D:5E", "std::vector", "::", "a:b", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9", "1::2::3",
        "12345::1", "g::1", "1.2.3.4::1", "::1.2.3.4:1"})
    void nonAddressesAreRejected(String text) {
        assertThat(run(detector, text)).isEmpty();
    }

    @Test
    void versionNumbersShapedLikeAddressesAreWeak() {
        assertThat(scoreOf(detector, "firmware version 1.2.3.4", "1.2.3.4")).isEqualTo(IpAddressDetector.VERSION_LIKE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2001:0db8:85a3:0000:0000:8a2e:0370:7334", "2001:db8:85a3:0:0:8a2e:370:7334",
        "FE80:0:0:0:0:0:0:1", "0:0:0:0:0:ffff:192.0.2.1"})
    void fullIpv6(String ip) {
        assertThat(scoreOf(detector, "addr " + ip + " seen", ip)).isEqualTo(IpAddressDetector.IPV6_FULL);
    }

    @ParameterizedTest
    @ValueSource(strings = {"::1", "::ffff:1.2.3.4", "fe80::1", "2001:db8::", "2001:db8:1a2b::3c4d", "1::",
        "2001:db8::8a2e:370:7334"})
    void compressedIpv6(String ip) {
        assertThat(scoreOf(detector, "addr " + ip + ", seen", ip)).isEqualTo(IpAddressDetector.IPV6_COMPRESSED);
    }

    @Test
    void ipv6InBracketsAndAtSentenceEnd() {
        assertThat(covered(detector, "[2001:db8::1]:443 or ::1.")).containsExactly("2001:db8::1", "::1");
    }

    @Test
    void ipv6GroupCounting() {
        String full = "1:2:3:4:5:6:7:8";
        assertThat(IpAddressDetector.ipv6Groups(full, 0, full.length())).isEqualTo(8);
        String mixed = "::ffff:1.2.3.4";
        assertThat(IpAddressDetector.ipv6Groups(mixed, 0, mixed.length())).isEqualTo(3);
        String tooMany = "1:2:3:4::5:6:7:8";
        assertThat(IpAddressDetector.ipv6Groups(tooMany, 0, tooMany.length())).isZero();
    }
}
