-- E-mail delivery claims a notification for a short lease in one transaction, sends it with no transaction
-- open, and marks it dispatched in another: the lease keeps a second deliverer off it meanwhile, and a
-- deliverer that died mid-send leaves it to be sent again once the lease ends.
ALTER TABLE notifications ADD COLUMN dispatch_lease_until timestamptz;
