package dev.cnnlab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Lines as MXNet 1.9's oneDNN and PyTorch 1.13's oneDNN print them (copied from real runs of the seed CNN). */
class OneDnnVerboseTest {
    private static final String MX_BWD_W_1 = "dnnl_verbose,exec,cpu,convolution,x64:gemm:jit,backward_weights,"
            + "src_f32::blocked:abcd:f0 wei_f32::blocked:abcd:f0 bia_f32::blocked:a:f0 dst_f32::blocked:abcd:f0,,"
            + "alg:convolution_direct,mb64_ic1oc32_ih28oh26kh3sh1dh0ph0_iw28ow26kw3sw1dw0pw0,16.8081";
    private static final String MX_BWD_W_2 = MX_BWD_W_1.replace("16.8081", "18.385");
    private static final String PT_BWD_W = "onednn_verbose,exec,cpu,convolution,jit:avx2,backward_weights,"
            + "src_f32:p:blocked:aBcd8b:f0 wei_f32:p:blocked:ABcd8b8a:f0 bia_f32::blocked:a:f0 dst_f32::blocked:aBcd8b:f0,"
            + "attr-scratchpad:user ,alg:convolution_direct,mb64_ic1oc32_ih28oh26kh3sh1dh0ph0_iw28ow26kw3sw1dw0pw0,6.19604";
    private static final String PT_REORDER = "onednn_verbose,exec,cpu,reorder,jit:blk,undef,"
            + "src_f32::blocked:aBcd8b:f0 dst_f32::blocked:abcd:f0,attr-scratchpad:user ,,64x32x26x26,2.57495";
    private static final String MX_DENSE = "dnnl_verbose,exec,cpu,inner_product,x64:gemm:jit,forward_training,"
            + "src_f32::blocked:ab:f0 wei_f32::blocked:ab:f0 bia_f32::blocked:a:f0 dst_f32::blocked:ab:f0,,,mb64ic1600oc128,0.75";
    private static final String MX_EVAL = "dnnl_verbose,exec,cpu,convolution,jit:avx2,forward_inference,"
            + "src_f32::blocked:abcd:f0 wei_f32::blocked:Acdb8a:f0 bia_f32::blocked:a:f0 dst_f32::blocked:aBcd8b:f0,,"
            + "alg:convolution_direct,mb256_ic1oc32_ih28oh26kh3sh1dh0ph0_iw28ow26kw3sw1dw0pw0,17.073";
    private static final String INFO = "dnnl_verbose,info,prim_template:operation,engine,primitive,implementation,"
            + "prop_kind,memory_descriptors,attributes,auxiliary,problem_desc,exec_time";

    @Test
    void sumsExecLinesByWhatTheyComputed() {
        OneDnnVerbose log = new OneDnnVerbose(64);
        for (String line : List.of(INFO, MX_BWD_W_1, MX_BWD_W_2, MX_DENSE, MX_EVAL)) assertTrue(log.accept(line));
        var key = new OneDnnVerbose.Key("convolution", "backward_weights",
                "mb64_ic1oc32_ih28oh26kh3sh1dh0ph0_iw28ow26kw3sw1dw0pw0");
        assertEquals(2, log.totals().size(), "the batch-256 evaluation line and the info line are not counted");
        assertEquals(16.8081 + 18.385, log.totals().get(key).ms, 1e-9);
        assertEquals(2, log.totals().get(key).calls);
        assertEquals(List.of("x64:gemm:jit"), List.copyOf(log.totals().get(key).impls));
        assertEquals(16.8081 + 18.385 + 0.75, log.totalMs(), 1e-9);
        assertEquals("convolution backward weights mb64_ic1oc32_ih28oh26kh3sh1dh0ph0_iw28ow26kw3sw1dw0pw0", key.toString());
    }

    @Test
    void readsPyTorchsPrefixAndLeavesOtherOutputAlone() {
        OneDnnVerbose log = new OneDnnVerbose(64);
        assertFalse(log.accept("RESULT epoch=1 seconds=3.2 images_per_s=2000"));
        assertTrue(log.accept(PT_BWD_W));
        assertTrue(log.accept(PT_REORDER));
        assertTrue(log.accept("onednn_verbose,primitive,exec,cpu,reorder,jit:blk,undef,src dst,,,64x64x11x11,0.5"),
                "oneDNN 3 puts 'primitive' before 'exec'");
        assertTrue(log.accept("onednn_verbose,v1,primitive,exec,cpu,pooling,jit:avx512_core,forward_training,"
                + "src:f32::blocked:aBcd16b::f0 dst:f32::blocked:aBcd16b::f0,attr-scratchpad:user,alg:pooling_max,"
                + "mb64ic32_ih26oh13kh2sh2dh0ph0_iw26ow13kw2sw2dw0pw0,0.25"), "oneDNN 3.4+ (PyTorch 2.13) adds a log version");
        assertEquals(0.25, log.totals().get(new OneDnnVerbose.Key("pooling", "forward_training",
                "mb64ic32_ih26oh13kh2sh2dh0ph0_iw26ow13kw2sw2dw0pw0")).ms, 1e-12);
        assertEquals(4, log.totals().size());
        assertEquals(6.19604 + 2.57495 + 0.5 + 0.25, log.totalMs(), 1e-9);
        assertEquals(0.5, log.totals().get(new OneDnnVerbose.Key("reorder", "undef", "64x64x11x11")).ms, 1e-12);
    }

    @Test
    void rowsCompareTheSidesPerBatchAndNameTheImplementations() {
        OneDnnVerbose cnnlab = new OneDnnVerbose(64), torch = new OneDnnVerbose(64);
        cnnlab.accept(MX_BWD_W_1);
        cnnlab.accept(MX_BWD_W_2);
        torch.accept(PT_BWD_W);
        torch.accept(PT_REORDER);
        cnnlab.accept(MX_DENSE);
        List<String> rows = PrimitiveBench.rows("prims", cnnlab, torch, 2, 128);
        assertEquals(4, rows.size());
        Row conv = Row.parse(rows.get(0));
        assertEquals("17.60 ms/batch", conv.value());
        assertEquals("3.10 ms/batch", conv.peer());
        assertEquals((16.8081 + 18.385) / 6.19604, conv.ratio(), 0.005);  // the table keeps 2 decimals
        assertTrue(conv.note().contains("cnnlab x64:gemm:jit; PyTorch jit:avx2"), conv.note());
        Row reorder = Row.parse(rows.get(1));
        assertEquals("-", reorder.value(), "a primitive only PyTorch runs");
        assertEquals(null, reorder.ratio());
        assertTrue(reorder.note().endsWith("cnnlab -; PyTorch jit:blk"), reorder.note());
        Row dense = Row.parse(rows.get(2));
        assertEquals("inner_product forward training mb64ic1600oc128", dense.measure(), "sorted by the slower side, a side without it counts 0");
        assertEquals("-", dense.peer());
        Row total = Row.parse(rows.get(3));
        assertEquals("all oneDNN primitives", total.measure());
        assertEquals((6.19604 + 2.57495) / 2, Double.parseDouble(total.peer().split(" ")[0]), 0.005);
    }
}
