export {
  makePromise,
  cancelPromise,
  getPromise,
  listPromises,
  promiseStatuses,
  type PaymentPromise,
  type PromiseInput,
} from './promises.ts';
export {
  openDispute,
  resolveDispute,
  getDispute,
  listDisputes,
  disputeCategories,
  disputeStatuses,
  type Dispute,
  type DisputeInput,
} from './disputes.ts';
export {
  reviewPromises,
  collectionFlags,
  type CollectionFlags,
  type BrokenPromise,
  type PromiseReview,
} from './review.ts';
