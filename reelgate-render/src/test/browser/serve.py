"""Serves this directory on 127.0.0.1 and holds /hold open until the page posts /report
(or 60 s pass), so that Chromium's load event, and with it --dump-dom, waits for playback."""
import http.server, sys, threading, urllib.parse

reported = threading.Event()

class Handler(http.server.SimpleHTTPRequestHandler):
    def do_GET(self):
        url = urllib.parse.urlparse(self.path)
        if url.path == '/report':
            print('REPORT', urllib.parse.unquote(url.query), flush=True)
            reported.set()
            self.send_response(204); self.end_headers(); return
        if url.path == '/hold':
            reported.wait(60)
            self.send_response(200)
            self.send_header('Content-Type', 'text/plain'); self.end_headers()
            self.wfile.write(b'done'); return
        if url.path.endswith('.html'):
            reported.clear()  # a new page load waits for its own report
        super().do_GET()

http.server.ThreadingHTTPServer(('127.0.0.1', int(sys.argv[1])), Handler).serve_forever()
