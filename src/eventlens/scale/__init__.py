"""Ingest beyond one process: the per-article pipeline on Ray Data (the optional [scale] extra).

`RayExtractor` runs where `eventlens.pipeline.Extractor` runs in `eventlens.batch.ingest`, on a local Ray
or a cluster, writing Parquet shards (`eventlens.scale.records`) that the ingest then loads. It needs
pyarrow and Ray (`pip install 'eventlens[scale]'`); Ray is imported, and started, only when a run begins.
"""

from eventlens.scale.ray_engine import ExtractBatch, RayExtractor, RaySettings, WorkerError, read_shards
from eventlens.scale.records import READING, Outcome

__all__ = ["READING", "ExtractBatch", "Outcome", "RayExtractor", "RaySettings", "WorkerError", "read_shards"]
