package io.gilder.config;

import io.gilder.domain.CandidateImage;
import io.gilder.domain.DiscardReport;
import io.gilder.domain.GoldenRegistration;
import io.gilder.domain.ImageCheck;
import io.gilder.handler.CheckImageHandler;
import io.gilder.handler.CreateCandidateImageHandler;
import io.gilder.handler.DiscardCandidateHandler;
import io.gilder.handler.FailureReason;
import io.gilder.handler.RegisterGoldenImageHandler;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** Lambda boundary types of the image lifecycle handlers, for native images (see {@link NativeReflection}). */
@RegisterForReflection(targets = {CreateCandidateImageHandler.Input.class, CandidateImage.class,
        CheckImageHandler.Input.class, ImageCheck.class,
        RegisterGoldenImageHandler.Input.class, RegisterGoldenImageHandler.Scan.class,
        RegisterGoldenImageHandler.Approval.class, GoldenRegistration.class,
        DiscardCandidateHandler.Input.class, FailureReason.Failure.class, DiscardReport.class})
public final class ImageReflection {

    private ImageReflection() {}
}
