package faultline.labs.shardkv;

import faultline.framework.Address;
import faultline.framework.Command;
import faultline.framework.Message;
import faultline.framework.Result;
import java.io.Serializable;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

// TODO: the messages and log operations of your shard master and replica groups
