package io.kecs.gateway;

import java.nio.ByteBuffer;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/**
 * A request whose body the gateway already read (to route a form post by its Action) and now hands
 * on, byte for byte, to the backend proxy.
 */
final class ReplayedRequest extends Request.Wrapper {
  private Content.Chunk next;

  ReplayedRequest(Request request, byte[] body) {
    super(request);
    this.next = Content.Chunk.from(ByteBuffer.wrap(body), true);
  }

  @Override
  public synchronized Content.Chunk read() {
    Content.Chunk chunk = next;
    next = Content.Chunk.EOF;
    return chunk;
  }

  @Override
  public void demand(Runnable demandCallback) {
    // The whole body is in memory: content is always available.
    demandCallback.run();
  }
}
