/**
 * The OpenAI Videos dialect: {@code /v1/videos} (create as JSON or multipart with an {@code
 * input_reference} upload, retrieve, list, content, delete, remix) and {@code /v1/models}, in the
 * shapes of OpenAI's Videos API and its official SDKs, with OpenAI's {@code {"error":{...}}} error
 * body. {@link io.reelgate.server.api.openai.OpenAiDialect} is its side of the dialect contract and
 * the one place where exceptions become error bodies.
 */
package io.reelgate.server.api.openai;
