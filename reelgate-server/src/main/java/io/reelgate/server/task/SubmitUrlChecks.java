package io.reelgate.server.task;

import io.reelgate.core.request.InvalidRequestException;
import io.reelgate.core.request.RequestField;
import io.reelgate.server.fetch.ForbiddenAddressException;
import io.reelgate.server.fetch.UrlGuard;
import java.util.List;

/** The checks of a submission's URLs made at submit, each refusal naming its field. */
final class SubmitUrlChecks {
  private final UrlGuard urlGuard;

  SubmitUrlChecks(UrlGuard urlGuard) {
    this.urlGuard = urlGuard;
  }

  /**
   * The form of each input image URL: a {@code data:} URI, or an http(s) URL with a host written in
   * a standard way (a {@code file:} or {@code javascript:} URL is refused here, naming the field,
   * rather than failing the task later). The host is resolved and checked when the image is
   * fetched.
   */
  void images(List<String> urls) {
    for (int i = 0; i < urls.size(); i++) {
      String url = urls.get(i);
      if (url != null && url.regionMatches(true, 0, "data:", 0, 5)) {
        continue;
      }
      try {
        urlGuard.checkForm(url);
      } catch (ForbiddenAddressException e) {
        String which = urls.size() > 1 ? "item " + (i + 1) + " " : "";
        String problem =
            e.getMessage().equals("must be an http or https URL")
                ? "must be an http or https URL or a data: URI"
                : e.getMessage();
        throw new InvalidRequestException(RequestField.IMAGES, which + problem);
      }
    }
  }

  void callback(String url) {
    try {
      urlGuard.check(url);
    } catch (ForbiddenAddressException e) {
      throw new InvalidRequestException(RequestField.CALLBACK, e.getMessage());
    }
  }
}
