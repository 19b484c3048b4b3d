package faultline.labs.paxoskv;

import faultline.framework.Address;
import faultline.framework.Command;
import faultline.framework.Result;
import java.io.Serializable;

// TODO: any types of your own that this lab needs
