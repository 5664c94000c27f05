package dev.ofg.http;

/** Lets a domain exception say which gateway problem it is, so the failure handler needs no knowledge of it. */
public interface ProblemSource {
  /** Returns the problem to answer with; the returned exception keeps this one as its cause. */
  GatewayException toProblem();
}
