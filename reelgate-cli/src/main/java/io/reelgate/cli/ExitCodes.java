package io.reelgate.cli;

import io.reelgate.client.ApiException;
import io.reelgate.client.AuthenticationException;
import io.reelgate.client.BadRequestException;
import io.reelgate.client.ConflictException;
import io.reelgate.client.ConnectionException;
import io.reelgate.client.InsufficientCreditsException;
import io.reelgate.client.MissingCredentialException;
import io.reelgate.client.NotFoundException;
import io.reelgate.client.RateLimitedException;
import io.reelgate.client.ServerException;
import io.reelgate.client.WaitTimeoutException;
import io.reelgate.client.WebhookVerificationException;

/** The exit codes of {@code reelgate}, documented in the README. */
public final class ExitCodes {
  /** Done. */
  public static final int OK = 0;

  /** The task failed or was cancelled, or a webhook did not verify. */
  public static final int FAILED = 1;

  /** Invalid input: a bad option or argument, or a field the server refused (HTTP 400/413). */
  public static final int USAGE = 2;

  /** No API key or admin token where one is needed, or a wrong or revoked one (HTTP 401/403). */
  public static final int AUTH = 3;

  /** Not enough credits. */
  public static final int CREDITS = 4;

  /** No such task, model, account or key (404), or a conflict with its state (409). */
  public static final int NOT_FOUND = 5;

  /** Still rate limited after the retries (429). */
  public static final int RATE_LIMITED = 6;

  /** The server failed (5xx) or could not be reached. */
  public static final int UNAVAILABLE = 7;

  /** The task was not final within {@code --timeout}. */
  public static final int TIMEOUT = 8;

  private ExitCodes() {}

  /** The exit code for an exception thrown by a command. */
  public static int of(Throwable e) {
    if (e instanceof CliException) {
      return ((CliException) e).exitCode();
    }
    if (e instanceof WebhookVerificationException) {
      return FAILED;
    }
    if (e instanceof MissingCredentialException) {
      return AUTH;
    }
    if (e instanceof InsufficientCreditsException) {
      return CREDITS;
    }
    if (e instanceof BadRequestException) {
      return USAGE;
    }
    if (e instanceof AuthenticationException) {
      return AUTH;
    }
    if (e instanceof NotFoundException || e instanceof ConflictException) {
      return NOT_FOUND;
    }
    if (e instanceof RateLimitedException) {
      return RATE_LIMITED;
    }
    if (e instanceof ServerException || e instanceof ConnectionException) {
      return UNAVAILABLE;
    }
    if (e instanceof WaitTimeoutException) {
      return TIMEOUT;
    }
    if (e instanceof ApiException) {
      return UNAVAILABLE;
    }
    return FAILED;
  }
}
