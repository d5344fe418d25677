-- pdp loaded outside shared_preload_libraries: a clear error naming the fix
\set VERBOSITY default
CREATE EXTENSION pdp;
LOAD 'pdp';
SELECT count(*) FROM pg_extension WHERE extname = 'pdp';
