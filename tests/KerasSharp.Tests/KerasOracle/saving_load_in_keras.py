# The real Keras 3.15.1 loads files KerasSharp wrote, for KerasInteropTests.
# Run by the tests:  ../../../../shared/tools/keras3/kpython saving_load_in_keras.py manifest.json result.json
#
# manifest.json: {"cases": [{"file": "m.keras", "x": [[...]], "x_shape": [...],
#                            "weights": "w.weights.h5" (optional: load these into the loaded model),
#                            "resave": "b.keras" (optional: save the loaded model again with Keras)}]}
# result.json: per case, what Keras predicts, its optimizer variables (path, dtype, shape, values),
# the summary it prints, and the compile config it read; or the error Keras raised.
import json
import sys
import traceback
import warnings

import numpy as np
import keras

manifest = json.load(open(sys.argv[1]))
results = []
for case in manifest["cases"]:
    out = {"file": case["file"]}
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            model = keras.models.load_model(case["file"])
            if "weights" in case:
                model.load_weights(case["weights"])
        out["warnings"] = [str(w.message) for w in caught]
        x = np.array(case["x"], dtype="float32").reshape(case["x_shape"])
        y = model.predict(x, verbose=0)
        out["y"] = [np.asarray(t, dtype="float64").ravel().tolist() for t in (y if isinstance(y, list) else [y])]
        lines = []
        model.summary(line_length=76, print_fn=lambda s, **kw: lines.append(s))
        out["summary"] = "".join(lines)
        if getattr(model, "optimizer", None) is not None:
            opt = model.optimizer
            out["optimizer"] = {
                "class_name": opt.__class__.__name__,
                "config": opt.get_config(),
                "variables": [{"name": v.path, "dtype": str(np.asarray(v.numpy()).dtype), "shape": list(v.shape),
                               "values": np.asarray(v.numpy(), dtype="float64").ravel().tolist()} for v in opt.variables],
            }
            out["compile_config"] = model.get_compile_config()
        if "resave" in case:
            model.save(case["resave"])
    except Exception as e:
        out["error"] = f"{type(e).__name__}: {e}"
        out["traceback"] = traceback.format_exc()
    results.append(out)

json.dump({"keras_version": keras.__version__, "results": results}, open(sys.argv[2], "w"), default=str)
