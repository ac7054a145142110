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

class UrlDetectorTest {

    private final UrlDetector detector = new UrlDetector();

    @Test
    void schemeUrlHasExactSpan() {
        var finding = single(detector, "Portal: https://portal.example.org/patients/123456?ref=email now",
                "https://portal.example.org/patients/123456?ref=email");
        assertThat(finding.type()).isEqualTo(PiiType.URL);
        assertThat(finding.start()).isEqualTo(8);
        assertThat(finding.score()).isEqualTo(UrlDetector.WITH_SCHEME);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://example.com", "HTTPS://Example.com/A/B", "ftp://files.example.net/pub/x.tar.gz",
        "https://www.linkedin.com/in/jane-doe-123", "http://10.0.0.1:8080/status", "https://[2001:db8::1]/x",
        "https://example.com/search?q=a+b&lang=en#top", "https://en.wikipedia.org/wiki/Foo_(bar)"})
    void schemeUrls(String url) {
        assertThat(scoreOf(detector, "see " + url + " please", url)).isEqualTo(UrlDetector.WITH_SCHEME);
    }

    @Test
    void wwwUrlsWithoutScheme() {
        assertThat(scoreOf(detector, "visit www.smithclinic.com/forms today", "www.smithclinic.com/forms"))
                .isEqualTo(UrlDetector.WWW);
        assertThat(run(detector, "www.")).isEmpty();
        assertThat(run(detector, "the www. prefix")).isEmpty();
        assertThat(run(detector, "www.localhost")).isEmpty();
    }

    @Test
    void trailingSentencePunctuationAndUnbalancedBracketsAreLeftOut() {
        assertThat(covered(detector, "(see https://example.org/a).")).containsExactly("https://example.org/a");
        assertThat(covered(detector, "Go to https://example.org/a, then www.example.com!"))
                .containsExactly("https://example.org/a", "www.example.com");
        assertThat(covered(detector, "\"https://example.org/q?x=1\"")).containsExactly("https://example.org/q?x=1");
        assertThat(covered(detector, "[link](https://example.org/page)")).containsExactly("https://example.org/page");
        assertThat(covered(detector, "https://en.wikipedia.org/wiki/Foo_(bar)."))
                .containsExactly("https://en.wikipedia.org/wiki/Foo_(bar)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://", "https:// example.com", "xhttp://example.com", "shttps://example.com",
        "mailto:john@example.com", "example.com", "file:///etc/passwd", "http:/example.com", "awww.example.com"})
    void nonUrlsAreRejected(String text) {
        assertThat(run(detector, text)).isEmpty();
    }

    @Test
    void urlStopsAtWhitespaceAndAngleBrackets() {
        assertThat(covered(detector, "<https://a.example/x>next https://b.example\tthen"))
                .containsExactly("https://a.example/x", "https://b.example");
    }
}
