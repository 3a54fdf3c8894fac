package io.reelgate.providers.apixo;

import io.reelgate.core.FailureCode;
import io.reelgate.core.request.GenerationKind;
import io.reelgate.core.request.GenerationRequest;
import io.reelgate.core.request.OutputSize;
import io.reelgate.providers.FailureCategory;
import io.reelgate.providers.ProviderException;
import io.reelgate.providers.ProviderJob;
import io.reelgate.providers.http.UpstreamHttp;
import java.util.Locale;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code input} object of an APIXO {@code generateTask} call, written back from the normalized
 * request in the field names of the upstream model's family: {@code size}/{@code resolution} for
 * sora-2-pro, {@code aspect_ratio} landscape/portrait for sora-2, {@code generationType} and {@code
 * aspect_ratio} 16:9/9:16 for veo-3-1. Input images are passed as the URLs the client gave ({@code
 * data:} URIs included): the upstream fetches them itself.
 */
final class ApixoInputs {
  /** The input profiles, named after the model family they belong to. */
  enum Profile {
    SORA_2_PRO("sora-2-pro"),
    SORA_2("sora-2"),
    VEO_3_1("veo-3-1");

    final String wireName;

    Profile(String wireName) {
      this.wireName = wireName;
    }

    static Profile named(String name) {
      for (Profile p : values()) {
        if (p.wireName.equals(name.trim().toLowerCase(Locale.ROOT))) {
          return p;
        }
      }
      throw new IllegalArgumentException(
          "input-profile must be one of sora-2-pro, sora-2, veo-3-1, not " + name);
    }

    /** The profile a model id implies, or null when the id does not say. */
    static Profile guess(String model) {
      if (model == null) {
        return null;
      }
      String m = model.toLowerCase(Locale.ROOT);
      if (m.contains("sora-2-pro")) {
        return SORA_2_PRO;
      }
      if (m.contains("sora-2")) {
        return SORA_2;
      }
      if (m.contains("veo")) {
        return VEO_3_1;
      }
      return null;
    }
  }

  private ApixoInputs() {}

  static ObjectNode input(Profile profile, ProviderJob job) {
    return switch (profile) {
      case SORA_2_PRO -> soraPro(job);
      case SORA_2 -> sora(job);
      case VEO_3_1 -> veo(job);
    };
  }

  private static ObjectNode soraPro(ProviderJob job) {
    GenerationRequest r = job.request();
    ObjectNode in = UpstreamHttp.object();
    boolean image = soraMode(in, r);
    in.put("prompt", r.prompt());
    in.put("duration", r.durationSeconds());
    OutputSize size = job.size();
    if (image) {
      int shortSide = Math.min(size.width(), size.height());
      int longSide = Math.max(size.width(), size.height());
      String resolution =
          shortSide == 720 && longSide == 1280
              ? "720p"
              : shortSide == 1080 && longSide == 1920 ? "1080p" : null;
      if (resolution == null) {
        throw refused(
            "sora-2-pro image-to-video over APIXO offers 720p and 1080p only, not "
                + size.width()
                + "x"
                + size.height());
      }
      in.put("resolution", resolution);
      images(in, r, 1);
    } else {
      in.put("size", size.width() + "*" + size.height());
    }
    return in;
  }

  private static ObjectNode sora(ProviderJob job) {
    GenerationRequest r = job.request();
    ObjectNode in = UpstreamHttp.object();
    boolean image = soraMode(in, r);
    in.put("prompt", r.prompt());
    in.put("duration", r.durationSeconds());
    in.put("aspect_ratio", portrait(job) ? "portrait" : "landscape");
    if (image) {
      images(in, r, 1);
    }
    String removeWatermark = r.options().get("remove_watermark");
    in.put("remove_watermark", removeWatermark == null || Boolean.parseBoolean(removeWatermark));
    return in;
  }

  private static ObjectNode veo(ProviderJob job) {
    GenerationRequest r = job.request();
    ObjectNode in = UpstreamHttp.object();
    String mode = r.quality().equals("fast") ? "fast" : "quality";
    in.put("mode", mode);
    in.put("prompt", r.prompt());
    String type =
        switch (r.kind()) {
          case TEXT_TO_VIDEO -> "TEXT_2_VIDEO";
          // why: a single first frame is Veo's image-to-video; the dialect has no other name for it
          case IMAGE_TO_VIDEO, FIRST_AND_LAST_FRAMES -> "FIRST_AND_LAST_FRAMES_2_VIDEO";
          case REFERENCE_IMAGES -> "REFERENCE_2_VIDEO";
        };
    in.put("generationType", type);
    in.put("aspect_ratio", portrait(job) ? "9:16" : "16:9");
    if (r.kind() != GenerationKind.TEXT_TO_VIDEO) {
      images(in, r, r.kind() == GenerationKind.REFERENCE_IMAGES ? 3 : 2);
    }
    String watermark = r.options().get("watermark");
    if (watermark != null && !watermark.isEmpty()) {
      in.put("watermark", watermark);
    }
    if (r.seed() != null) {
      in.put("seed", r.seed());
    }
    return in;
  }

  /** Writes {@code mode} for the sora families; true for image-to-video. */
  private static boolean soraMode(ObjectNode in, GenerationRequest r) {
    switch (r.kind()) {
      case TEXT_TO_VIDEO -> {
        in.put("mode", "text-to-video");
        return false;
      }
      case IMAGE_TO_VIDEO -> {
        in.put("mode", "image-to-video");
        return true;
      }
      default -> throw refused("the sora models over APIXO have no mode for " + r.kind());
    }
  }

  private static void images(ObjectNode in, GenerationRequest r, int max) {
    if (r.imageUrls().isEmpty() || r.imageUrls().size() > max) {
      throw refused("this mode takes 1 to " + max + " image URLs, not " + r.imageUrls().size());
    }
    ArrayNode urls = in.putArray("image_urls");
    r.imageUrls().forEach(urls::add);
  }

  private static boolean portrait(ProviderJob job) {
    return job.size().height() > job.size().width();
  }

  private static ProviderException refused(String message) {
    return new ProviderException(
        FailureCategory.BAD_INPUT, FailureCode.UPSTREAM_ERROR, false, null, message, null);
  }
}
