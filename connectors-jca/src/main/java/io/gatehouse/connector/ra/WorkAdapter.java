package io.gatehouse.connector.ra;

import jakarta.resource.spi.work.Work;

/** A runnable as JCA {@link Work}, with what to do when the container asks it to stop. */
final class WorkAdapter implements Work {

  private final Runnable body;
  private final Runnable onRelease;

  WorkAdapter(Runnable body, Runnable onRelease) {
    this.body = body;
    this.onRelease = onRelease;
  }

  @Override
  public void run() {
    body.run();
  }

  @Override
  public void release() {
    onRelease.run();
  }
}
