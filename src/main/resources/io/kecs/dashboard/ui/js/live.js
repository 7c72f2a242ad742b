// The server's change stream for the chosen scope. EventSource retries by itself after a dropped
// connection; when the connection cannot even be made it may give up (CLOSED), so this opens a
// new one. After any gap (or a new server process) the page reloads what it shows: changes sent
// while it was away are lost.
export function connectLive(app, scope, onNewServer) {
  const status = document.getElementById('live');
  let source = null;
  let instance = null;
  let gap = false;
  let retry = null;

  const set = (state, text) => {
    status.dataset.state = state;
    status.textContent = text;
  };

  function open() {
    clearTimeout(retry);
    if (source) source.close();
    const query = scope.account ? `?account=${encodeURIComponent(scope.account)}&region=${encodeURIComponent(scope.region)}` : '';
    const url = `/_kecs/ui/events${query}`;
    source = new EventSource(url);
    source.addEventListener('hello', async (e) => {
      const hello = JSON.parse(e.data);
      set('live', 'live');
      const restarted = instance !== null && hello.instance !== instance;
      instance = hello.instance;
      if (restarted) await onNewServer();
      if (gap || restarted) {
        gap = false;
        await app.reloadAll();
      }
    });
    source.addEventListener('changes', (e) => app.changed(JSON.parse(e.data)));
    source.addEventListener('reset', () => { app.cluster = null; app.reloadAll(); });
    source.onerror = () => {
      gap = true;
      set('reconnecting', 'reconnecting…');
      if (source.readyState === EventSource.CLOSED) retry = setTimeout(open, 1000);
    };
  }

  open();
  return { reconnect() { gap = true; open(); } };
}
