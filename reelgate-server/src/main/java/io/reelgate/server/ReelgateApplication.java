package io.reelgate.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Entry point of the Reelgate server. */
@SpringBootApplication
public class ReelgateApplication {
  public static void main(String[] args) {
    SpringApplication.run(ReelgateApplication.class, args);
  }
}
