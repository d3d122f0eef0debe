package dev.castore.store.grpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import dev.castore.store.grpc.proto.Directory;
import dev.castore.store.grpc.proto.DirectoryEntry;
import dev.castore.store.grpc.proto.FileEntry;
import dev.castore.store.grpc.proto.SymlinkEntry;
import dev.castore.store.memory.MemoryBlobService;
import dev.castore.store.memory.MemoryDirectoryService;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Server reflection lists and describes the services under both package names. */
class ReflectionTest {

    private static LoopbackServer server;
    private static ManagedChannel channel;

    @BeforeAll
    static void start() throws Exception {
        server = LoopbackServer.serve(new MemoryBlobService(), new MemoryDirectoryService());
        channel = NettyChannelBuilder.forAddress("127.0.0.1", server.server.port()).usePlaintext().build();
    }

    @AfterAll
    static void stop() throws Exception {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.close();
    }

    private static ServerReflectionResponse ask(ServerReflectionRequest request) throws Exception {
        CompletableFuture<List<ServerReflectionResponse>> done = new CompletableFuture<>();
        List<ServerReflectionResponse> responses = new ArrayList<>();
        StreamObserver<ServerReflectionRequest> requests = ServerReflectionGrpc.newStub(channel)
                .serverReflectionInfo(new StreamObserver<>() {
                    @Override
                    public void onNext(ServerReflectionResponse value) {
                        responses.add(value);
                    }

                    @Override
                    public void onError(Throwable t) {
                        done.completeExceptionally(t);
                    }

                    @Override
                    public void onCompleted() {
                        done.complete(responses);
                    }
                });
        requests.onNext(request);
        requests.onCompleted();
        List<ServerReflectionResponse> all = done.get(10, TimeUnit.SECONDS);
        assertEquals(1, all.size(), all.toString());
        return all.getFirst();
    }

    /** The file declaring {@code symbol}, linked against the dependencies sent along with it. */
    private static FileDescriptor fileContaining(String symbol) throws Exception {
        ServerReflectionResponse r = ask(ServerReflectionRequest.newBuilder().setFileContainingSymbol(symbol).build());
        assertTrue(r.hasFileDescriptorResponse(), r.toString());
        Map<String, FileDescriptorProto> byName = new HashMap<>();
        List<ByteString> files = r.getFileDescriptorResponse().getFileDescriptorProtoList();
        for (ByteString bytes : files) {
            FileDescriptorProto proto = FileDescriptorProto.parseFrom(bytes);
            byName.put(proto.getName(), proto);
        }
        return link(FileDescriptorProto.parseFrom(files.getFirst()), byName);
    }

    private static FileDescriptor link(FileDescriptorProto proto, Map<String, FileDescriptorProto> byName)
            throws Exception {
        List<FileDescriptor> deps = new ArrayList<>();
        for (String dependency : proto.getDependencyList()) {
            deps.add(link(byName.get(dependency), byName));
        }
        return FileDescriptor.buildFrom(proto, deps.toArray(FileDescriptor[]::new));
    }

    @Test
    void listsBothPackages() throws Exception {
        ServerReflectionResponse r = ask(ServerReflectionRequest.newBuilder().setListServices("").build());
        Set<String> names = r.getListServicesResponse().getServiceList().stream()
                .map(ServiceResponse::getName)
                .collect(Collectors.toSet());
        assertTrue(names.containsAll(Set.of("snix.castore.v1.BlobService", "snix.castore.v1.DirectoryService",
                "tvix.castore.v1.BlobService", "tvix.castore.v1.DirectoryService")), names.toString());
    }

    @Test
    void describesTheTvixDirectoryServiceWithTvixNames() throws Exception {
        FileDescriptor file = fileContaining("tvix.castore.v1.DirectoryService");
        assertEquals("tvix.castore.v1", file.getPackage());
        assertEquals("tvix/castore/protos/rpc_directory.proto", file.getName());
        var get = file.findServiceByName("DirectoryService").findMethodByName("Get");
        assertEquals("tvix.castore.v1.GetDirectoryRequest", get.getInputType().getFullName());
        assertEquals("tvix.castore.v1.Directory", get.getOutputType().getFullName());
        Descriptor directory = get.getOutputType();
        assertEquals("tvix.castore.v1.DirectoryNode", directory.findFieldByName("directories").getMessageType().getFullName());
        assertEquals("tvix.castore.v1.FileNode", directory.findFieldByName("files").getMessageType().getFullName());
        assertEquals("tvix.castore.v1.SymlinkNode", directory.findFieldByName("symlinks").getMessageType().getFullName());

        Descriptor node = fileContaining("tvix.castore.v1.Node").findMessageTypeByName("Node");
        assertEquals("node", node.getOneofs().getFirst().getName());
        assertEquals("tvix.castore.v1.FileNode", node.findFieldByName("file").getMessageType().getFullName());

        // The described message reads and writes the very bytes the snix message does.
        byte[] snix = Directory.newBuilder()
                .addDirectories(DirectoryEntry.newBuilder().setName(ByteString.copyFromUtf8("d"))
                        .setDigest(ByteString.copyFrom(new byte[32])).setSize(3))
                .addFiles(FileEntry.newBuilder().setName(ByteString.copyFromUtf8("f"))
                        .setDigest(ByteString.copyFrom(new byte[32])).setSize(5).setExecutable(true))
                .addSymlinks(SymlinkEntry.newBuilder().setName(ByteString.copyFromUtf8("s"))
                        .setTarget(ByteString.copyFromUtf8("/t")))
                .build().toByteArray();
        assertArrayEquals(snix, DynamicMessage.parseFrom(directory, snix).toByteArray());
    }

    @Test
    void describesTheBlobServicesUnderTheirOwnPackages() throws Exception {
        FileDescriptor tvix = fileContaining("tvix.castore.v1.BlobService");
        assertEquals("tvix.castore.v1", tvix.getPackage());
        assertEquals("tvix.castore.v1.StatBlobResponse.ChunkMeta", tvix.findMessageTypeByName("StatBlobResponse")
                .findFieldByName("chunks").getMessageType().getFullName());
        FileDescriptor snix = fileContaining("snix.castore.v1.BlobService");
        assertEquals("snix.castore.v1", snix.getPackage());
        assertEquals("snix.castore.v1", fileContaining("snix.castore.v1.DirectoryService").getPackage());
    }
}
