package io.gatehouse.control.application;

import io.gatehouse.control.domain.model.connection.ConnectionSettings;

/** What a client asks a connection to be: its name, settings and credential. */
public record ConnectionSpec(String name, ConnectionSettings settings, CredentialSpec credential) {}
