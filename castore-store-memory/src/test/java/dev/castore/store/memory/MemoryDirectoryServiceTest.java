package dev.castore.store.memory;

import dev.castore.api.digest.B3Digest;
import dev.castore.api.directory.DirectoryService;
import dev.castore.api.model.Directory;
import dev.castore.testkit.DirectoryServiceContract;

class MemoryDirectoryServiceTest extends DirectoryServiceContract {

    @Override
    protected DirectoryService newDirectoryService() {
        return new MemoryDirectoryService();
    }

    @Override
    protected void corrupt(DirectoryService service, B3Digest digest) {
        ((MemoryDirectoryService) service).replace(digest, Directory.builder().symlink("x", "elsewhere").build());
    }
}
