#!/usr/bin/env python3
"""Independent numpy oracle for dev.cnnlab.detect.MeanAveragePrecision.

Written from the metric definitions (Pascal VOC devkit, pycocotools), not from the Java code, so that
the two implementations check each other.

stdin:  {"cases": [{"num_classes": C,
                    "detections": [[image, cls, score, x1, y1, x2, y2], ...],
                    "truth":      [[image, cls, x1, y1, x2, y2, difficult(0/1)], ...],
                    "max_dets": 100}, ...]}
stdout: {"results": [{"voc": [AP per class], "voc07": [...], "coco": [...], "voc_map": m, "voc07_map": m,
                      "coco_map": m}, ...]}   (NaN written as null)

Conventions shared with the Java side (they are the definitions, not implementation details):
  * continuous coordinates, no "+1"; IoU = inter / union, 0 when the union is 0;
  * detections ranked by descending score, ties in input order (stable sort);
  * VOC: match to the max-IoU object (first on ties), hit if IoU > thr, difficult -> ignored,
    already matched -> false positive; all-point area and 11-point with t = np.arange(0, 1.1, 0.1);
  * COCO: pycocotools evaluateImg/accumulate with difficult as "ignore", area "all",
    maxDets per image and class, thresholds np.linspace(.5, .95, 10), recall points np.linspace(0, 1, 101);
  * a class without non-difficult objects has AP NaN and is excluded from the mean.
"""
import json
import sys

import numpy as np


def iou_matrix(a, b):
    """Pairwise IoU of corner boxes a (n,4) and b (m,4), float64."""
    a = np.asarray(a, dtype=np.float64).reshape(-1, 4)
    b = np.asarray(b, dtype=np.float64).reshape(-1, 4)
    iw = np.minimum(a[:, None, 2], b[None, :, 2]) - np.maximum(a[:, None, 0], b[None, :, 0])
    ih = np.minimum(a[:, None, 3], b[None, :, 3]) - np.maximum(a[:, None, 1], b[None, :, 1])
    valid = (iw > 0) & (ih > 0)
    inter = np.where(valid, iw * ih, 0.0)
    area_a = (a[:, 2] - a[:, 0]) * (a[:, 3] - a[:, 1])
    area_b = (b[:, 2] - b[:, 0]) * (b[:, 3] - b[:, 1])
    union = area_a[:, None] + area_b[None, :] - inter
    with np.errstate(invalid="ignore", divide="ignore"):
        out = np.where(valid & (union > 0), inter / np.where(union > 0, union, 1.0), 0.0)
    return out


def ranked(dets):
    """Stable descending-score order of a list of detection rows."""
    scores = np.array([d[2] for d in dets], dtype=np.float64)
    return [dets[i] for i in np.argsort(-scores, kind="stable")]


def voc_tp_fp(dets, gts, thr):
    """VOC devkit matching for one class. Returns tp, fp arrays over ranked detections, and npos."""
    by_image = {}
    for g in gts:
        by_image.setdefault(int(g[0]), []).append(g)
    used = {k: np.zeros(len(v), dtype=bool) for k, v in by_image.items()}
    npos = sum(1 for g in gts if not g[6])
    tp, fp = [], []
    for d in ranked(dets):
        objs = by_image.get(int(d[0]), [])
        if objs:
            ov = iou_matrix([d[3:7]], [g[2:6] for g in objs])[0]
            j = int(np.argmax(ov))
            ovmax = ov[j]
        else:
            ovmax = -np.inf
        if ovmax > thr:
            if objs[j][6]:
                continue  # difficult: neither true nor false positive
            if not used[int(d[0])][j]:
                used[int(d[0])][j] = True
                tp.append(1.0)
                fp.append(0.0)
            else:
                tp.append(0.0)
                fp.append(1.0)
        else:
            tp.append(0.0)
            fp.append(1.0)
    return np.array(tp), np.array(fp), npos


def voc_ap(tp, fp, npos, use_07):
    tp = np.cumsum(tp)
    fp = np.cumsum(fp)
    rec = tp / float(npos)
    prec = tp / np.maximum(tp + fp, np.finfo(np.float64).eps)
    if use_07:
        ap = 0.0
        for t in np.arange(0.0, 1.1, 0.1):
            p = 0.0 if np.sum(rec >= t) == 0 else np.max(prec[rec >= t])
            ap = ap + p / 11.0
        return ap
    mrec = np.concatenate(([0.0], rec, [1.0]))
    mpre = np.concatenate(([0.0], prec, [0.0]))
    for i in range(mpre.size - 1, 0, -1):
        mpre[i - 1] = max(mpre[i - 1], mpre[i])
    i = np.where(mrec[1:] != mrec[:-1])[0]
    return float(np.sum((mrec[i + 1] - mrec[i]) * mpre[i + 1]))


def coco_class(dets, gts, max_dets):
    """pycocotools evaluateImg + accumulate for one class, area 'all'. Returns AP per IoU threshold."""
    iou_thrs = np.linspace(0.5, 0.95, int(np.round((0.95 - 0.5) / 0.05)) + 1, endpoint=True)
    rec_thrs = np.linspace(0.0, 1.00, int(np.round((1.00 - 0.0) / 0.01)) + 1, endpoint=True)
    npig = sum(1 for g in gts if not g[6])
    if npig == 0:
        return None
    images = sorted(set(int(d[0]) for d in dets))
    per_image = []  # (scores, matched[T,D], ignored[T,D])
    for img in images:
        dt = ranked([d for d in dets if int(d[0]) == img])[:max_dets]
        gt = [g for g in gts if int(g[0]) == img]
        gt_ig = np.array([1 if g[6] else 0 for g in gt], dtype=int)
        order = np.argsort(gt_ig, kind="mergesort")
        gt = [gt[i] for i in order]
        gt_ig = gt_ig[order]
        ious = iou_matrix([d[3:7] for d in dt], [g[2:6] for g in gt]) if gt else np.zeros((len(dt), 0))
        T, D, G = len(iou_thrs), len(dt), len(gt)
        gtm = np.zeros((T, G))
        dtm = np.zeros((T, D))
        dt_ig = np.zeros((T, D))
        for ti, t in enumerate(iou_thrs):
            for di in range(D):
                iou = min(t, 1 - 1e-10)
                m = -1
                for gi in range(G):
                    if gtm[ti, gi] > 0:
                        continue
                    if m > -1 and gt_ig[m] == 0 and gt_ig[gi] == 1:
                        break
                    if ious[di, gi] < iou:
                        continue
                    iou = ious[di, gi]
                    m = gi
                if m == -1:
                    continue
                dt_ig[ti, di] = gt_ig[m]
                dtm[ti, di] = 1
                gtm[ti, m] = 1
        per_image.append((np.array([d[2] for d in dt], dtype=np.float64), dtm, dt_ig))
    if per_image:
        scores = np.concatenate([p[0] for p in per_image])
        dtm = np.concatenate([p[1] for p in per_image], axis=1)
        dt_ig = np.concatenate([p[2] for p in per_image], axis=1)
        # global stable order: by score, ties by position in the original input list
        pos = np.concatenate([np.array([d[7] for d in ranked([d for d in dets if int(d[0]) == img])[:max_dets]],
                                       dtype=np.int64) for img in images])
        inds = np.lexsort((pos, -scores))
        dtm, dt_ig = dtm[:, inds], dt_ig[:, inds]
    else:
        dtm = np.zeros((len(iou_thrs), 0))
        dt_ig = np.zeros((len(iou_thrs), 0))
    tps = np.logical_and(dtm, np.logical_not(dt_ig))
    fps = np.logical_and(np.logical_not(dtm), np.logical_not(dt_ig))
    aps = []
    for ti in range(len(iou_thrs)):
        keep = np.logical_not(dt_ig[ti])
        tp = np.cumsum(tps[ti][keep]).astype(np.float64)
        fp = np.cumsum(fps[ti][keep]).astype(np.float64)
        rc = tp / npig
        pr = (tp / (fp + tp)).tolist()
        for i in range(len(pr) - 1, 0, -1):
            if pr[i] > pr[i - 1]:
                pr[i - 1] = pr[i]
        q = np.zeros(len(rec_thrs))
        inds = np.searchsorted(rc, rec_thrs, side="left")
        for ri, pi in enumerate(inds):
            if pi < len(pr):
                q[ri] = pr[pi]
        aps.append(float(np.mean(q)))
    return aps


def evaluate(case):
    C = case["num_classes"]
    dets = [list(d) + [i] for i, d in enumerate(case["detections"])]  # [7]: input position
    gts = [list(g) for g in case["truth"]]
    max_dets = case.get("max_dets", 100)
    voc, voc07, coco = [], [], []
    coco_rows = []
    for c in range(C):
        cd = [d for d in dets if int(d[1]) == c]
        cg = [g for g in gts if int(g[1]) == c]
        tp, fp, npos = voc_tp_fp(cd, cg, 0.5)
        if npos == 0:
            voc.append(None)
            voc07.append(None)
        else:
            voc.append(voc_ap(tp, fp, npos, False))
            voc07.append(voc_ap(tp, fp, npos, True))
        aps = coco_class(cd, cg, max_dets)
        coco.append(None if aps is None else float(np.mean(aps)))
        if aps is not None:
            coco_rows.append(aps)

    def mean(xs):
        xs = [x for x in xs if x is not None]
        return float(np.mean(xs)) if xs else None

    # COCO: mean over all (threshold, class) cells that are valid, as pycocotools' summarize()
    coco_map = float(np.mean(np.array(coco_rows))) if coco_rows else None
    return {"voc": voc, "voc07": voc07, "coco": coco,
            "voc_map": mean(voc), "voc07_map": mean(voc07), "coco_map": coco_map}


def main():
    data = json.load(sys.stdin)
    json.dump({"results": [evaluate(c) for c in data["cases"]]}, sys.stdout)


if __name__ == "__main__":
    main()
