package io.kecs.identity;

/** The account and region a resource lives in; state is kept separately per scope. */
public record Scope(String account, String region) {}
