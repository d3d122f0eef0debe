package dev.castore.api.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castore.api.digest.B3Digest;
import dev.castore.api.digest.Blake3;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The directory vectors of the specification (section b), encoding byte for byte. */
class DirectoryCodecTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final B3Digest EMPTY = B3Digest.fromHex("af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262");

    static final Directory A = Directory.EMPTY;
    static final Directory WITH_KEEP = Directory.builder().file(".keep", EMPTY, 0, false).build();
    static final Directory B = Directory.builder().directory("a", A).build();
    static final Directory C = Directory.builder().directory("a", A).directory("a'", A).build();
    static final Directory D = Directory.builder().directory("a", A).directory("b", B).build();
    static final Directory COMPLICATED = Directory.builder()
            .directory("keep", WITH_KEEP)
            .file(".keep", EMPTY, 0, false)
            .symlink("aa", "/nix/store/somewhereelse")
            .build();

    private static void assertVector(Directory d, long size, String encodingHex, String digestHex) {
        assertEquals(size, d.size(), "size (tvix formula)");
        assertEquals(encodingHex, HEX.formatHex(d.encode()), "canonical encoding");
        assertEquals(digestHex, d.digest().toHex(), "digest");
        assertEquals(Blake3.hash(d.encode()), d.digest());
        Directory decoded = Directory.decode(HEX.parseHex(encodingHex));
        assertEquals(d, decoded);
        assertEquals(d.digest(), decoded.digest(), "decode then re-encode keeps the digest of canonical bytes");
    }

    @Test
    void emptyDirectoryEncodesToNothingAndHasTheEmptyBlobDigest() {
        assertVector(A, 0, "", "af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262");
    }

    @Test
    void directoryWithKeep() {
        assertVector(WITH_KEEP, 2,
                "12290a052e6b6565701220af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262",
                "8b5b5d642b646bb8ed504b0862c39413e87e57491497de7bd075953f7b83810e");
        assertEquals(43, WITH_KEEP.encodedLength());
    }

    @Test
    void directoryB() {
        assertVector(B, 2,
                "0a250a01611220af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262",
                "8701f4722d8dae7f2c40fa003331b8437a3825f9e1bfd3a77998c64cc226b9cc");
    }

    @Test
    void directoryC() {
        assertVector(C, 4,
                "0a250a01611220af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262"
                        + "0a260a0261271220af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262",
                "78eb200ae0cc95d4ea954655fbcf91e285013a261310e161927f2401d2bca803");
    }

    @Test
    void directoryD() {
        assertVector(D, 6,
                "0a250a01611220af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262"
                        + "0a270a016212208701f4722d8dae7f2c40fa003331b8437a3825f9e1bfd3a77998c64cc226b9cc1802",
                "76cd8b55b37333961c1778ba997e57df92e219926ae5a66c414b810331a77603");
    }

    @Test
    void directoryComplicated() {
        assertVector(COMPLICATED, 8,
                "0a2a0a046b65657012208b5b5d642b646bb8ed504b0862c39413e87e57491497de7bd075953f7b83810e1802"
                        + "12290a052e6b6565701220af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262"
                        + "1a1e0a0261611218" + HEX.formatHex("/nix/store/somewhereelse".getBytes()),
                "424a7f6ce08d805d15b428062faae96299a1675d708c3a39261afe38cdd04feb");
    }

    @Test
    void documentedSizeFormulaGivesTheSpecsAlternativeDigests() {
        Directory withKeep1 = WITH_KEEP;
        assertEquals(1, withKeep1.size(SizeFormula.DOCUMENTED));
        Directory d1 = Directory.builder().directory("a", A.digest(), 0).directory("b", B.digest(), B.size(SizeFormula.DOCUMENTED)).build();
        assertEquals("99922a5c1801805287a647af73bca0ed7352a5f7f373e54992795bcc4a235213", d1.digest().toHex());
        Directory complicated1 = Directory.builder()
                .directory("keep", WITH_KEEP.digest(), WITH_KEEP.size(SizeFormula.DOCUMENTED))
                .file(".keep", EMPTY, 0, false)
                .symlink("aa", "/nix/store/somewhereelse")
                .build();
        assertEquals("3f951a15afd586fb3121ef4d13d582e811ce0e5a7f21c0497fd87490e9e2355a", complicated1.digest().toHex());
        // A formula applies to the sizes the edges record: 2 entries + B's 1, against 2 * 2 + B's 2.
        assertEquals(3, d1.size(SizeFormula.DOCUMENTED));
        assertEquals(6, D.size());
    }

    @Test
    void executableAndSizeAreEncodedWhenSet() {
        Directory d = Directory.builder().file("x", EMPTY, 300, true).build();
        // 12 2e | 0a 01 78 | 12 20 <32> | 18 ac 02 | 20 01
        assertEquals("122a0a01781220" + EMPTY.toHex() + "18ac022001", HEX.formatHex(d.encode()));
        assertEquals(d, Directory.decode(d.encode()));
    }

    @Test
    void unknownFieldsAreSkippedAndDropFromTheDigest() {
        byte[] canonical = WITH_KEEP.encode();
        byte[] withUnknown = new byte[canonical.length + 3];
        System.arraycopy(canonical, 0, withUnknown, 0, canonical.length);
        withUnknown[canonical.length] = (byte) 0x28; // field 5, varint
        withUnknown[canonical.length + 1] = 0x07;
        withUnknown[canonical.length + 2] = 0x00;
        withUnknown = java.util.Arrays.copyOf(withUnknown, canonical.length + 2);
        Directory d = Directory.decode(withUnknown);
        assertEquals(WITH_KEEP.digest(), d.digest());
        assertArrayEquals(canonical, d.encode());
    }

    private static InvalidDirectoryException invalid(String hex) {
        return assertThrows(InvalidDirectoryException.class, () -> Directory.decode(HEX.parseHex(hex)));
    }

    @Test
    void decoderRejectsWhatTheModelForbids() {
        String a = "0a250a01611220" + EMPTY.toHex();
        String b = "0a250a01621220" + EMPTY.toHex();
        assertTrue(invalid(b + a).getMessage().contains("not sorted"));
        assertTrue(invalid(a + a).getMessage().contains("duplicate name 'a'"));
        String fileA = "12250a01611220" + EMPTY.toHex();
        assertTrue(invalid(a + fileA).getMessage().contains("duplicate name 'a' across the lists"));
        assertTrue(invalid("0a240a0161121f" + EMPTY.toHex().substring(2)).getMessage().contains("invalid digest length: 31"));
        assertTrue(invalid("0a240a001220" + EMPTY.toHex()).getMessage().contains("empty"));
        assertTrue(invalid("0a250a012e1220" + EMPTY.toHex()).getMessage().contains("'.'"));
        assertTrue(invalid("0a260a022e2e1220" + EMPTY.toHex()).getMessage().contains("'..'"));
        assertTrue(invalid("0a260a022f611220" + EMPTY.toHex()).getMessage().contains("contains '/'"));
        assertTrue(invalid("0a260a0261001220" + EMPTY.toHex()).getMessage().contains("NUL"));
        assertTrue(invalid("1a030a0161").getMessage().contains("symlink target: empty"));
        assertTrue(invalid("1a060a016112010a".replace("010a", "0100")).getMessage().contains("NUL"));
        assertTrue(invalid("0a30").getMessage().contains("runs past the end"));
        assertTrue(invalid("0a").getMessage().contains("truncated"));
        assertTrue(invalid("08").getMessage().contains("wire type 0, expected 2"));
        assertTrue(invalid("0a0308").getMessage().contains("malformed"));
    }

    @Test
    void sizesThatOverflowSixtyFourBitsAreRejected() {
        assertThrows(InvalidDirectoryException.class,
                () -> Directory.builder().directory("a", A.digest(), -1L).directory("b", A.digest(), 5).build());
        String maxSize = "0a300a01611220" + EMPTY.toHex() + "18ffffffffffffffffff01";
        assertTrue(invalid(maxSize + "0a300a01621220" + EMPTY.toHex() + "18ffffffffffffffffff01")
                .getMessage().contains("overflows"));
    }

    @Test
    void namesAndTargetsFollowTheRules() {
        assertThrows(InvalidDirectoryException.class, () -> PathComponent.of("a".repeat(256)));
        assertEquals(255, PathComponent.of("a".repeat(255)).length());
        assertThrows(InvalidDirectoryException.class, () -> SymlinkTarget.of("a".repeat(4096)));
        assertEquals("../x/y", SymlinkTarget.of("../x/y").toString());
        assertEquals("a\\xff", PathComponent.of(new byte[] {'a', (byte) 0xff}).toString());
        assertThrows(InvalidDirectoryException.class, () -> Directory.builder().file("a", EMPTY, 0, false).symlink("a", "t"));
        // Unsigned byte order: 0xff sorts after 'z'.
        Directory d = Directory.builder()
                .add(PathComponent.of(new byte[] {(byte) 0xff}), new SymlinkNode(SymlinkTarget.of("t")))
                .symlink("z", "t")
                .build();
        assertEquals(List.of("z", "\\xff"), d.symlinks().stream().map(e -> e.name().toString()).toList());
        assertEquals(d, Directory.decode(d.encode()));
    }
}
