/**
 * Lab 1, MapReduce: a {@link faultline.labs.mapreduce.Coordinator} hands map and reduce tasks to
 * {@link faultline.labs.mapreduce.Worker}s that read and write a shared {@link faultline.labs.mapreduce.Storage};
 * workers crash, stall and join late, and the job must still produce exactly the sequential result.
 * Storage, the applications, the job client and the sequential runner are provided; students write
 * the coordinator and the worker.
 */
package faultline.labs.mapreduce;
