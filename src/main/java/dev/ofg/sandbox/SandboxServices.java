package dev.ofg.sandbox;

/** Groups the shared parts of a running sandbox that the route classes need. */
record SandboxServices(SandboxOptions options, OdooVersion version, ModelRegistry registry, OdooAuth auth,
    SandboxSessions sessions, SandboxFaults faults) {

  String database() {
    return options.database();
  }
}
