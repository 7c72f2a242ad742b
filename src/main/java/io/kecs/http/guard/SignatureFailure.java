package io.kecs.http.guard;

/**
 * Why a request's signature is refused, with the error code each protocol's services use for it
 * (awsJson services such as ECS answer {@code UnrecognizedClientException} where awsQuery services
 * such as STS answer {@code InvalidClientTokenId}).
 */
public record SignatureFailure(int status, String jsonCode, String queryCode, String message) {
  static SignatureFailure missing() {
    return new SignatureFailure(
        403,
        "MissingAuthenticationTokenException",
        "MissingAuthenticationToken",
        "Missing Authentication Token");
  }

  static SignatureFailure incomplete(String message) {
    return new SignatureFailure(
        400, "IncompleteSignatureException", "IncompleteSignature", message);
  }

  static SignatureFailure unknownKey() {
    return new SignatureFailure(
        403,
        "UnrecognizedClientException",
        "InvalidClientTokenId",
        "The security token included in the request is invalid.");
  }

  static SignatureFailure mismatch() {
    return new SignatureFailure(
        403,
        "InvalidSignatureException",
        "SignatureDoesNotMatch",
        "The request signature we calculated does not match the signature you provided. Check"
            + " your AWS Secret Access Key and signing method. Consult the service documentation"
            + " for details.");
  }

  static SignatureFailure expired(String message) {
    return new SignatureFailure(403, "InvalidSignatureException", "SignatureDoesNotMatch", message);
  }
}
