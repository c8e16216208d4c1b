-- PostgreSQL only (an index covering the inbox's counts while searching); SQLite, in the
-- server's own process, has no use for it. Kept so that both backends count the same
-- migrations.
SELECT 1;
