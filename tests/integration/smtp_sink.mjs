// A minimal SMTP server on 127.0.0.1 that accepts every message and keeps it for the test to read
// (node built-ins only). Speaks enough of RFC 5321 for libcurl: greeting, EHLO/HELO, MAIL FROM,
// RCPT TO, DATA (dot-unstuffed, ended by CRLF.CRLF), RSET, NOOP, QUIT. No TLS, no AUTH.
//
//   const sink = await startSmtpSink();
//   ... sink.port, sink.messages: [{from, to: [...], data, headers: {subject, ...}, subject, body}]
//   const m = await sink.waitFor((m) => m.subject.includes('测试'), 10_000);
//   await sink.close();
import net from 'node:net';

// RFC 2047 encoded-words (=?UTF-8?B?...?= and =?UTF-8?Q?...?=) decoded; adjacent words joined.
export function decodeHeader(value) {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_, charset, enc, text) => {
      const bytes = enc.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64')
        : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (m, h) => String.fromCharCode(parseInt(h, 16))), 'binary');
      return new TextDecoder(charset).decode(bytes);
    });
}

// Splits a message into lower-cased headers (folded lines joined) and the decoded text body.
export function parseMessage(data) {
  const split = data.indexOf('\r\n\r\n');
  const head = data.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const headers = {};
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  let body = data.slice(split + 4);
  if ((headers['content-transfer-encoding'] ?? '').toLowerCase() === 'base64') {
    body = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  }
  return { headers, subject: decodeHeader(headers.subject ?? ''), body };
}

export async function startSmtpSink() {
  const messages = [];
  const waiters = new Set();
  const sockets = new Set();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    let buffer = '';
    let inData = false;
    let envelope = { from: '', to: [] };
    const reply = (line) => socket.write(line + '\r\n');
    reply('220 sink ESMTP ready');
    socket.setEncoding('binary');
    socket.on('data', (chunk) => {
      buffer += chunk;
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end < 0) return;
          const raw = Buffer.from(buffer.slice(0, end + 2), 'binary').toString('utf8');
          buffer = buffer.slice(end + 5);
          inData = false;
          const data = raw.replace(/^\.\./gm, '.');
          const message = { ...envelope, data, ...parseMessage(data) };
          messages.push(message);
          for (const w of waiters) w();
          envelope = { from: '', to: [] };
          reply('250 OK queued');
          continue;
        }
        const nl = buffer.indexOf('\r\n');
        if (nl < 0) return;
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO') socket.write('250-sink\r\n250-8BITMIME\r\n250 SIZE 10485760\r\n');
        else if (verb === 'HELO' || verb === 'RSET' || verb === 'NOOP') reply('250 OK');
        else if (verb === 'MAIL') { envelope.from = (line.match(/<([^>]*)>/) ?? [])[1] ?? ''; reply('250 OK'); }
        else if (verb === 'RCPT') { envelope.to.push((line.match(/<([^>]*)>/) ?? [])[1] ?? ''); reply('250 OK'); }
        else if (verb === 'DATA') { inData = true; reply('354 End data with <CR><LF>.<CR><LF>'); }
        else if (verb === 'QUIT') { reply('221 Bye'); socket.end(); return; }
        else reply('502 Command not implemented');
      }
    });
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return {
    port: server.address().port,
    messages,
    // Resolves the first message (past or future) matching `pred`; rejects after `timeoutMs`.
    waitFor(pred, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const m = messages.find(pred);
          if (!m) return false;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(m);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching mail within ${timeoutMs} ms; received: ${JSON.stringify(messages.map((x) => x.subject))}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    close() {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
