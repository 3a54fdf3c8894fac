package io.reelgate.server.api.openai;

import io.reelgate.server.api.common.Fields.FieldException;
import io.reelgate.server.api.common.JsonBodies;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.springframework.web.multipart.MultipartException;
import tools.jackson.databind.JsonNode;

/**
 * Reads the body of a create or remix request: JSON, or a multipart form (with an uploaded
 * reference image) within the upload limits; a refused upload is drained so the client sees the
 * answer.
 */
final class OpenAiUploads {
  /** What an upload may send in all; more is answered 413 after reading it (up to the drain). */
  static final long MAX_UPLOAD_BYTES = 25L * 1024 * 1024;

  /** How much of a refused upload is read and dropped, so that the client sees the answer. */
  static final long MAX_DRAIN_BYTES = 64L * 1024 * 1024;

  private OpenAiUploads() {}

  /**
   * The body as JSON: parsed from JSON, or built from a multipart form whose image is turned into a
   * {@code data:} URI by {@code imageToDataUri}.
   */
  static JsonNode read(
      HttpServletRequest http, JsonBodies bodies, Function<byte[], String> imageToDataUri) {
    String type =
        http.getContentType() == null ? "" : http.getContentType().toLowerCase(Locale.ROOT);
    if (type.startsWith("multipart/form-data")) {
      return OpenAiForm.toBody(parts(http), imageToDataUri);
    }
    if (!type.isEmpty() && !type.startsWith("application/json")) {
      throw new OpenAiException(
          415,
          OpenAiDialect.INVALID_REQUEST,
          null,
          "unsupported_content_type",
          "Send the request as application/json or multipart/form-data");
    }
    return bodies.readObject(http);
  }

  private static List<OpenAiForm.Part> parts(HttpServletRequest http) {
    if (http.getContentLengthLong() > MAX_UPLOAD_BYTES) {
      throw tooLarge(http);
    }
    Collection<Part> parts;
    try {
      parts = http.getParts();
    } catch (MultipartException | IllegalStateException e) {
      if (causes(e, "SizeLimit") || causes(e, "MaxUploadSize")) {
        throw tooLarge(http);
      }
      if (causes(e, "FileCountLimit")) {
        throw OpenAiException.invalid(null, "too_many_parts", "The form has too many parts");
      }
      throw OpenAiException.invalid(null, null, "The multipart form could not be read");
    } catch (IOException | jakarta.servlet.ServletException e) {
      throw OpenAiException.invalid(null, null, "The multipart form could not be read");
    }
    List<OpenAiForm.Part> out = new ArrayList<>();
    for (Part part : parts) {
      String name = part.getName();
      boolean file = part.getSubmittedFileName() != null;
      long limit = file ? OpenAiForm.MAX_REFERENCE_BYTES : OpenAiForm.MAX_TEXT_BYTES;
      if (part.getSize() > limit) {
        throw new FieldException(
            name == null ? "form" : name,
            file
                ? "must be at most " + OpenAiForm.MAX_REFERENCE_BYTES + " bytes (3 MB)"
                : "is too long");
      }
      try (InputStream in = part.getInputStream()) {
        out.add(new OpenAiForm.Part(name, part.getSubmittedFileName(), in.readNBytes((int) limit)));
      } catch (IOException e) {
        throw OpenAiException.invalid(name, null, "The form part could not be read");
      }
    }
    return out;
  }

  /** A 413 for an upload over the limit, after reading (up to a bound) what the client sends. */
  private static OpenAiException tooLarge(HttpServletRequest http) {
    long length = http.getContentLengthLong();
    if (length <= MAX_DRAIN_BYTES) {
      try (InputStream in = http.getInputStream()) {
        long drained = 0;
        byte[] buffer = new byte[64 * 1024];
        int n;
        while (drained < MAX_DRAIN_BYTES && (n = in.read(buffer)) > 0) {
          drained += n;
        }
      } catch (IOException | IllegalStateException e) {
        // why: the answer is the same; the connection may just close sooner
      }
    }
    return new OpenAiException(
        413,
        OpenAiDialect.INVALID_REQUEST,
        null,
        "request_too_large",
        "The upload is larger than 25 MB; input_reference may be at most 3 MB");
  }

  private static boolean causes(Throwable e, String name) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getClass().getSimpleName().contains(name)) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }
}
