package io.kecs.agent;

import java.time.Instant;

/** Temporary credentials for one role, as the agent serves them. */
record RoleCredentials(
    String roleArn, String accessKeyId, String secretAccessKey, String token, Instant expiration) {}
