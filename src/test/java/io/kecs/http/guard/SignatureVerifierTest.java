package io.kecs.http.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * SigV4 verification against the example of AWS's signing documentation (IAM ListUsers, 2015-08-30,
 * the documented example key), and each refusal.
 */
class SignatureVerifierTest {
  private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
  private static final String EMPTY_HASH =
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
  private static final Instant SIGNED_AT = Instant.parse("2015-08-30T12:36:00Z");
  private final SignatureVerifier verifier = new SignatureVerifier(Map.of("AKIDEXAMPLE", SECRET));

  private static SignatureVerifier.Signed request(String authorization) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("host", List.of("iam.amazonaws.com"));
    headers.put("content-type", List.of("application/x-www-form-urlencoded; charset=utf-8"));
    headers.put("x-amz-date", List.of("20150830T123600Z"));
    if (authorization != null) {
      headers.put("authorization", List.of(authorization));
    }
    return new SignatureVerifier.Signed(
        "GET", "/", "Action=ListUsers&Version=2010-05-08", headers, () -> EMPTY_HASH);
  }

  private static String auth(String key, String date, String signature) {
    return "AWS4-HMAC-SHA256 Credential="
        + key
        + "/"
        + date
        + "/us-east-1/iam/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature="
        + signature;
  }

  private static final String DOC_SIGNATURE =
      "5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7";

  @Test
  void theDocumentedCanonicalRequestAndSignatureAreReproduced() {
    SignatureVerifier.Signed r = request(null);
    String canonical =
        CanonicalRequest.of(
            r.method(),
            r.rawPath(),
            r.rawQuery(),
            r.headers(),
            List.of("content-type", "host", "x-amz-date"),
            EMPTY_HASH,
            "iam",
            null);
    assertThat(SignatureVerifier.sha256Hex(canonical))
        .isEqualTo("f536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59");
    String toSign =
        "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/iam/aws4_request\n"
            + SignatureVerifier.sha256Hex(canonical);
    assertThat(
            HexFormat.of()
                .formatHex(
                    SignatureVerifier.signature(SECRET, "20150830", "us-east-1", "iam", toSign)))
        .isEqualTo(DOC_SIGNATURE);
  }

  @Test
  void aRightSignatureWithinTheSkewPasses() {
    assertThat(
            verifier.verify(
                request(auth("AKIDEXAMPLE", "20150830", DOC_SIGNATURE)),
                SIGNED_AT.plusSeconds(600)))
        .isEmpty();
  }

  @Test
  void eachWrongRequestGetsAwsError() {
    assertThat(code(verifier.verify(request(null), SIGNED_AT)))
        .isEqualTo("MissingAuthenticationTokenException");
    assertThat(
            code(verifier.verify(request(auth("AKIDOTHER", "20150830", DOC_SIGNATURE)), SIGNED_AT)))
        .isEqualTo("UnrecognizedClientException");
    assertThat(
            code(
                verifier.verify(
                    request(auth("AKIDEXAMPLE", "20150830", DOC_SIGNATURE.replace('5', '6'))),
                    SIGNED_AT)))
        .isEqualTo("InvalidSignatureException");
    assertThat(
            code(
                verifier.verify(
                    request(
                        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request"),
                    SIGNED_AT)))
        .isEqualTo("IncompleteSignatureException");
    Optional<SignatureFailure> late =
        verifier.verify(
            request(auth("AKIDEXAMPLE", "20150830", DOC_SIGNATURE)),
            SIGNED_AT.plusSeconds(16 * 60));
    assertThat(code(late)).isEqualTo("InvalidSignatureException");
    assertThat(late.orElseThrow().message()).startsWith("Signature expired: 20150830T123600Z");
    assertThat(late.orElseThrow().queryCode()).isEqualTo("SignatureDoesNotMatch");
  }

  @Test
  void pathsAreNormalisedAndDoubleEncodedExceptForS3() {
    assertThat(CanonicalRequest.canonicalPath("/a/./b/../c//d%20e", true))
        .isEqualTo("/a/c/d%2520e");
    assertThat(CanonicalRequest.canonicalPath("/bucket/my key/a+b", false))
        .isEqualTo("/bucket/my%20key/a%2Bb");
    assertThat(CanonicalRequest.canonicalQuery("b=2&a=1&a=0&c", null)).isEqualTo("a=0&a=1&b=2&c=");
  }

  private static String code(Optional<SignatureFailure> f) {
    return f.map(SignatureFailure::jsonCode).orElse("none");
  }
}
