package dev.parley.gateway.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.parley.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Verification against an issuer's JWKS URL with ES256 keys (every other test uses an RS256 PEM file): tokens signed
 * by the published EC key pass, at the gateway's own endpoints and through its proxy's authentication; RS256 tokens,
 * tokens signed by another EC key under the same key id, and tokens from another issuer are refused.
 */
@QuarkusTest
@TestProfile(Es256JwksTest.Es256Jwks.class)
class Es256JwksTest {

    /** Its own application start: the JWKS resource replaces the PEM key of the other tests. */
    public static class Es256Jwks implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(EcJwksServer.class));
        }
    }

    @Test
    void anEs256TokenFromTheJwksIssuerIsAccepted() {
        given().auth().oauth2(es256(EcJwksServer.KEYS.getPrivate(), TestTokens.ISSUER)).get("/v1/whoami")
                .then().statusCode(200).body("subject", equalTo("erin"));
        assertThat(EcJwksServer.FETCHES.get()).as("the JWKS was fetched over HTTP").isPositive();
    }

    @Test
    void tokensTheJwksKeyDidNotSignAreRefused() {
        given().auth().oauth2(TestTokens.valid()).get("/v1/whoami").then().statusCode(401);
        given().auth().oauth2(es256(EcJwksServer.ecKeyPair().getPrivate(), TestTokens.ISSUER)).get("/v1/whoami")
                .then().statusCode(401);
        given().auth().oauth2(es256(EcJwksServer.KEYS.getPrivate(), "https://evil.example")).get("/v1/whoami")
                .then().statusCode(401);
        given().auth().oauth2(TestTokens.valid()).get("/api/v1/conversations").then().statusCode(401);
    }

    private static String es256(PrivateKey key, String issuer) {
        return Jwt.issuer(issuer).audience(TestTokens.AUDIENCE).subject("erin").groups(Set.of("user"))
                .claim("tid", "tenant-ec").claim("wks", List.of("ws-1")).expiresIn(Duration.ofMinutes(5))
                .jws().keyId(EcJwksServer.KID).algorithm(SignatureAlgorithm.ES256).sign(key);
    }
}
