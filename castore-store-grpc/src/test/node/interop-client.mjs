// Talks to a castore gRPC server with grpc-js and protobufjs (an implementation independent of
// grpc-java and of our generated classes) and prints what it observed as key=value lines.
// Usage: node interop-client.mjs PROTO_ROOT PACKAGE HOST:PORT
// PROTO_ROOT holds <pkg path>/castore/protos/{castore,rpc_blobstore,rpc_directory}.proto.
import grpc from '@grpc/grpc-js';
import protoLoader from '@grpc/proto-loader';
import path from 'node:path';

const [protoRoot, pkgName, target] = process.argv.slice(2);
const pkgDir = pkgName.split('.')[0];
const files = ['castore.proto', 'rpc_blobstore.proto', 'rpc_directory.proto']
  .map((f) => path.join(pkgDir, 'castore', 'protos', f));
const definition = protoLoader.loadSync(files, {
  includeDirs: [protoRoot], keepCase: true, longs: String, enums: String, defaults: true, oneofs: true,
});
let pkg = grpc.loadPackageDefinition(definition);
for (const part of pkgName.split('.')) pkg = pkg[part];

const credentials = grpc.credentials.createInsecure();
const blobs = new pkg.BlobService(target, credentials);
const dirs = new pkg.DirectoryService(target, credentials);

const out = (k, v) => console.log(`${k}=${v}`);
const hex = (b) => Buffer.from(b).toString('hex');
const EMPTY = Buffer.from('af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262', 'hex');

function unary(client, method, request) {
  return new Promise((resolve) => client[method](request, (err, res) => resolve({ err, res })));
}

function clientStream(client, method, messages) {
  return new Promise((resolve) => {
    const call = client[method]((err, res) => resolve({ err, res }));
    for (const m of messages) call.write(m);
    call.end();
  });
}

function serverStream(client, method, request) {
  return new Promise((resolve) => {
    const got = [];
    const call = client[method](request);
    call.on('data', (m) => got.push(m));
    call.on('error', (err) => resolve({ err, got }));
    call.on('end', () => resolve({ err: null, got }));
  });
}

const code = (r) => (r.err ? r.err.code : 0);

// Blobs: a put in two messages, stat, read, and the error statuses.
const put = await clientStream(blobs, 'Put', [{ data: Buffer.from('Hello ') }, { data: Buffer.from('World!') }]);
out('blob.put.code', code(put));
const blob = put.res.digest;
out('blob.put.digest', hex(blob));
const stat = await unary(blobs, 'Stat', { digest: blob, send_chunks: true });
out('blob.stat.code', code(stat));
out('blob.stat.chunks', stat.res.chunks.length);
out('blob.stat.missing.code', code(await unary(blobs, 'Stat', { digest: Buffer.alloc(32, 7) })));
out('blob.stat.short.code', code(await unary(blobs, 'Stat', { digest: Buffer.alloc(3) })));
const read = await serverStream(blobs, 'Read', { digest: blob });
out('blob.read.code', code(read));
out('blob.read.data', Buffer.concat(read.got.map((c) => c.data)).toString('utf8'));
out('blob.read.missing.code', code(await serverStream(blobs, 'Read', { digest: Buffer.alloc(32, 7) })));
const emptyPut = await clientStream(blobs, 'Put', []);
out('blob.put.empty.digest', hex(emptyPut.res.digest));

// Directories: the spec's DIRECTORY_WITH_KEEP and DIRECTORY_COMPLICATED, leaves first.
const withKeep = { files: [{ name: Buffer.from('.keep'), digest: EMPTY, size: '0', executable: false }] };
const WITH_KEEP = Buffer.from('8b5b5d642b646bb8ed504b0862c39413e87e57491497de7bd075953f7b83810e', 'hex');
const complicated = {
  directories: [{ name: Buffer.from('keep'), digest: WITH_KEEP, size: '2' }],
  files: [{ name: Buffer.from('.keep'), digest: EMPTY, size: '0', executable: false }],
  symlinks: [{ name: Buffer.from('aa'), target: Buffer.from('/nix/store/somewhereelse') }],
};
const dput = await clientStream(dirs, 'Put', [withKeep, complicated]);
out('dir.put.code', code(dput));
const root = dput.res.root_digest;
out('dir.put.root', hex(root));
const rec = await serverStream(dirs, 'Get', { digest: root, recursive: true });
out('dir.get.recursive.code', code(rec));
out('dir.get.recursive.count', rec.got.length);
out('dir.get.recursive.first.symlink', rec.got[0].symlinks[0].target.toString('utf8'));
out('dir.get.recursive.second.file', rec.got[1].files[0].name.toString('utf8'));
const single = await serverStream(dirs, 'Get', { digest: WITH_KEEP, recursive: false });
out('dir.get.single.count', single.got.length);
const missing = await serverStream(dirs, 'Get', { digest: Buffer.alloc(32, 9), recursive: true });
out('dir.get.missing.recursive.code', code(missing));
out('dir.get.missing.recursive.count', missing.got.length);
out('dir.get.missing.single.code', code(await serverStream(dirs, 'Get', { digest: Buffer.alloc(32, 9) })));
out('dir.get.nobywhat.code', code(await serverStream(dirs, 'Get', { recursive: true })));
out('dir.put.unknownref.code', code(await clientStream(dirs, 'Put', [complicated])));
const wrongSize = { directories: [{ name: Buffer.from('keep'), digest: WITH_KEEP, size: '1' }] };
out('dir.put.wrongsize.code', code(await clientStream(dirs, 'Put', [withKeep, wrongSize])));
out('dir.put.empty.code', code(await clientStream(dirs, 'Put', [])));

blobs.close();
dirs.close();
