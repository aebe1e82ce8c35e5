package dev.dataemulator.minio.internal;

import dev.dataemulator.core.spi.ObjectStore;
import io.minio.errors.ErrorResponseException;
import io.minio.errors.InvalidResponseException;
import io.minio.errors.ServerException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Set;

/** Sorts client failures into transient (retry), fatal (stop the emulation) and plain (count and go on). */
public final class Failures {
    private static final Set<String> FATAL_CODES = Set.of("AccessDenied", "InvalidAccessKeyId",
            "SignatureDoesNotMatch", "NoSuchBucket", "AllAccessDisabled", "AccountProblem", "InvalidToken",
            "ExpiredToken", "InvalidBucketName");
    private static final Set<String> TRANSIENT_CODES = Set.of("InternalError", "ServiceUnavailable", "SlowDown",
            "RequestTimeout", "OperationAborted", "XMinioServerNotInitialized", "XMinioStorageFull");

    private Failures() {
    }

    /** @return the S3 error code, or {@code null} when the failure is not an S3 error response */
    public static String code(Throwable failure) {
        if (failure instanceof ErrorResponseException e && e.errorResponse() != null) {
            return e.errorResponse().code();
        }
        return null;
    }

    /** @return how the object sink treats the failure of a put */
    public static ObjectStore.FailureKind kind(Throwable failure) {
        if (isFatal(failure)) {
            return ObjectStore.FailureKind.FATAL;
        }
        if (!isTransient(failure)) {
            return ObjectStore.FailureKind.PLAIN;
        }
        return isUnreachable(failure) ? ObjectStore.FailureKind.UNREACHABLE : ObjectStore.FailureKind.TRANSIENT;
    }

    /** @return whether retrying may help: network trouble, timeouts, 5xx, throttling */
    public static boolean isTransient(Throwable failure) {
        if (isFatal(failure)) {
            return false;
        }
        if (failure instanceof ErrorResponseException e) {
            String code = code(e);
            int status = e.response() == null ? 0 : e.response().code();
            return TRANSIENT_CODES.contains(code) || status >= 500;
        }
        return failure instanceof ServerException || failure instanceof InvalidResponseException
                || failure instanceof IOException;
    }

    /** @return whether the failure makes further uploads pointless: credentials, permissions, a vanished bucket */
    public static boolean isFatal(Throwable failure) {
        if (failure instanceof ErrorResponseException e) {
            int status = e.response() == null ? 0 : e.response().code();
            return FATAL_CODES.contains(code(e)) || status == 401 || status == 403;
        }
        return false;
    }

    /** @return whether the server could not be reached at all */
    public static boolean isUnreachable(Throwable failure) {
        return failure instanceof ConnectException || failure instanceof UnknownHostException
                || failure instanceof SocketTimeoutException
                || failure instanceof InterruptedIOException && failure.getMessage() != null
                        && failure.getMessage().contains("timeout");
    }

    /** @return a one-line description: the S3 code and message, or the exception */
    public static String describe(Throwable failure) {
        if (failure instanceof ErrorResponseException e && e.errorResponse() != null) {
            String message = e.errorResponse().message();
            return e.errorResponse().code() + (message == null || message.isBlank() ? "" : " (" + message + ")");
        }
        return failure.toString();
    }
}
